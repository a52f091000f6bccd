package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.store.ActionLog;

/**
 * The site's aging age: how long a device may stay undecided before the aging pass moves it to
 * old-unregistered. One value for the whole site, kept in Kea's configuration, so that the
 * console's pass on every workstation and the {@code sync} service agree. With several servers
 * ({@link #writeOnEvery}) every server holds it: set on each one after the other, owed to one that
 * is down ({@code sync} replays it), shown per server when they differ.
 */
public final class SiteAging {
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofDays(30);

    private final SiteSettings settings;
    private final ActionLog actions;
    private final Clock clock;
    private SiteAgingOnEvery every;

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

    /** One server's age ({@code setting}), or why it could not be read ({@code unreachable}). */
    public record ServerAge(String server, Setting setting, String unreachable) {
    }

    /** What {@link #apply} did: the age, one line per server (several servers only), and what a server missed (or null). */
    public record Applied(Setting setting, List<String> servers, String pending) {
    }

    /** With several servers: {@link #set} writes to each of them, and a server that misses it is owed it in {@code offline}. */
    public void writeOnEvery(KeaServers servers, OfflineQueue offline, Function<KeaClient, SiteSettings> settingsOf) {
        this.every = servers.several() ? new SiteAgingOnEvery(servers, offline, settingsOf, actions, clock) : null;
    }

    public Setting current() {
        return setting(settings.agingAge());
    }

    /** Each server's age; with one server, just this one's. */
    public List<ServerAge> perServer() {
        return every == null ? List.of(new ServerAge("server1", current(), null)) : every.current();
    }

    static Setting setting(Optional<String> raw) {
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

    /**
     * {@link #apply}, for the console: a server that missed the age is an error naming it
     * ({@link PeerPending}: applied on the others, pending for it).
     */
    public Setting set(String text) {
        Applied a = apply(text);
        if (a.pending() != null) {
            throw new PeerPending(a.pending());
        }
        return a.setting();
    }

    /** Validates, writes to Kea (every server's, one after the other) under its write lock, checked afterwards, and audits. */
    public Applied apply(String text) {
        if (every != null) {
            Duration age = valid(text);
            return every.set(AgingService.format(age), new Setting(age, "site"));
        }
        return new Applied(setOne(text), List.of(), null);
    }

    /** The replayer of an age owed to this server (it was down while the others were set): sets it here, audited. */
    public Map<String, OfflineQueue.Replayer> replayers() {
        return Map.of(SiteAgingOnEvery.REPLAY_KIND, a -> {
            String value = SiteAgingOnEvery.valueOf(a);
            String before = settings.agingAge().orElse("unset");
            setOne(value);
            return new OfflineQueue.Done(before, value, "aging age " + value + (before.equals(value) ? " (already)" : " (was " + before + ")"));
        });
    }

    private static Duration valid(String text) {
        Duration age = AgingService.parseDuration(text);
        if (age.compareTo(SHORTEST) < 0 || age.compareTo(LONGEST) > 0) {
            throw new BadInput("aging age", "'" + text + "' is outside 1s to 30d");
        }
        return age;
    }

    private Setting setOne(String text) {
        Duration age = valid(text);
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
