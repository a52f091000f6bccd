package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Settings that belong to the site rather than to one workstation, kept where every Gatehouse of
 * the site reads them: Kea's own configuration, under {@code Dhcp4.user-context.gatehouse}. Today
 * that is the aging age, so that the console's aging pass on any workstation and the
 * {@code sync} service on the server move devices after the same time.
 */
public final class SiteSettings {
    static final String AGING_KEY = "old-after";

    private final KeaClient kea;
    private final Reservations.SnapshotSink snapshots;

    public SiteSettings(KeaClient kea, Reservations.SnapshotSink snapshots) {
        this.kea = kea;
        this.snapshots = snapshots;
    }

    /**
     * Our object inside Dhcp4's user-context, created where absent. Anything else already there
     * that is not an object belongs to someone else: refused rather than replaced.
     */
    private static ObjectNode ownContext(ObjectNode dhcp4) {
        JsonNode context = dhcp4.get("user-context");
        if (context != null && !context.isObject()) {
            throw new KeaRefused("config-set", 1, "Kea's Dhcp4 user-context is not a JSON object (" + context.getNodeType()
                    + ", set by another tool); Gatehouse will not replace it, nothing was written");
        }
        ObjectNode c = context == null ? dhcp4.putObject("user-context") : (ObjectNode) context;
        JsonNode ours = c.get("gatehouse");
        if (ours != null && !ours.isObject()) {
            throw new KeaRefused("config-set", 1, "Kea's Dhcp4 user-context has a \"gatehouse\" entry that is not an object;"
                    + " Gatehouse will not replace it, nothing was written");
        }
        return ours == null ? c.putObject("gatehouse") : (ObjectNode) ours;
    }

    /** The aging age as written (e.g. "2h"); empty when the site has not set one. */
    public Optional<String> agingAge() {
        return agingAge(kea.config());
    }

    public static Optional<String> agingAge(KeaConfig config) {
        JsonNode v = config.raw().path("Dhcp4").path("user-context").path("gatehouse").path(AGING_KEY);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * Sets the aging age in Kea's configuration (config-set + config-write under the write lock,
     * checked afterwards). Other keys of the user-context, ours and other tools', are kept.
     * Returns the previous value.
     */
    public Optional<String> setAgingAge(String value) {
        return kea.writeLock().holding("set the aging age", () -> {
            KeaConfig base = kea.config();
            Optional<String> before = agingAge(base);
            if (before.isPresent() && before.get().equals(value)) {
                return before;
            }
            JsonNode currentDhcp4 = base.raw().path("Dhcp4");
            kea.writeLock().confirmTarget(currentDhcp4);
            ObjectNode next = (ObjectNode) currentDhcp4.deepCopy();
            ObjectNode ours = ownContext(next);
            ours.put(AGING_KEY, value);
            snapshots.beforeWrite("before setting the aging age to " + value, base.hash(), base.raw());
            kea.writeLock().checkHeld();
            kea.execute(new ConfigCommands.ConfigSet(next));
            ConfigWrites.persistOrRollBack(kea, currentDhcp4);
            Optional<String> now;
            try {
                now = agingAge(kea.config());
            } catch (KeaUnreachable gone) {
                return before; // Kea acknowledged config-write, then stopped answering: its word stands
            }
            if (now.isEmpty() || !now.get().equals(value)) {
                throw new ReservationConflict("Kea does not show the aging age " + value + " after writing it (now "
                        + now.orElse("unset") + "); another program changed its configuration");
            }
            return before;
        });
    }
}
