package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.store.ActionLog;

/**
 * The site's aging age: how long a device may stay undecided before the aging pass moves it to
 * old-unregistered. One value for the whole site, kept in Kea's configuration, so that the
 * console's pass on every workstation and the {@code sync} service agree.
 */
public final class SiteAging {
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofDays(30);

    private final SiteSettings settings;
    private final ActionLog actions;
    private final Clock clock;

    public SiteAging(SiteSettings settings, ActionLog actions, Clock clock) {
        this.settings = settings;
        this.actions = actions;
        this.clock = clock;
    }

    /** The age in force and where it comes from: "site", "default", or the unusable value Kea holds. */
    public record Setting(Duration age, String source) {
        public String describe() {
            return AgingService.format(age) + " (" + switch (source) {
                case "site" -> "set for the site in Kea";
                case "default" -> "default; not set for the site";
                default -> "default; Kea holds '" + source + "', which is not 1s to 30d";
            } + ")";
        }
    }

    public Setting current() {
        Optional<String> raw = settings.agingAge();
        if (raw.isEmpty()) {
            return new Setting(AgingService.DEFAULT_OLD_AFTER, "default");
        }
        Optional<Duration> age = usable(raw.get());
        return age.map(a -> new Setting(a, "site")).orElseGet(() -> new Setting(AgingService.DEFAULT_OLD_AFTER, raw.get()));
    }

    /** A stored value as an age, if it is one in range (a hand edit in Kea's file may be anything). */
    static Optional<Duration> usable(String text) {
        try {
            Duration age = AgingService.parseDuration(text);
            return age.compareTo(SHORTEST) < 0 || age.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(age);
        } catch (BadInput notADuration) {
            return Optional.empty();
        }
    }

    /** Validates, writes to Kea (under its write lock, checked afterwards) and audits. */
    public Setting set(String text) {
        Duration age = AgingService.parseDuration(text);
        if (age.compareTo(SHORTEST) < 0 || age.compareTo(LONGEST) > 0) {
            throw new BadInput("aging age", "'" + text + "' is outside 1s to 30d");
        }
        String value = AgingService.format(age);
        ActionLog.Draft row = ActionLog.Draft.of(clock.instant(), "site-aging", "aging age");
        try {
            Optional<String> before = settings.setAgingAge(value);
            actions.append(row.change(before.orElse("unset"), value).result(ActionLog.OK));
        } catch (GatehouseException e) {
            actions.append(row.change(null, value).result(ActionLog.failed(e.getMessage())));
            throw e;
        }
        return new Setting(age, "site");
    }
}
