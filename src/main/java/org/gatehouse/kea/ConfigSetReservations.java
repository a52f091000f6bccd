package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.ReservationEdit;

/**
 * Reservations through the configuration, the only way on Kea 2.2 (no open host_cmds there):
 * config-get → edit → config-set → config-write. Kea has no compare-and-set, so right before
 * config-set the configuration is read again (config-hash-get where Kea has it, else a second
 * config-get compared by SHA-256). If it changed, each edit is re-applied on the new version when
 * the reservation it touches is as we first saw it (a merge); otherwise the write is refused
 * ({@link ReservationConflict}, exit 4) or, for the aging service, that edit is left out.
 * A config-set is always followed by config-write; if the write fails the previous configuration
 * is set back, so that the running and the persisted configuration never differ.
 */
public final class ConfigSetReservations implements Reservations {
    private final KeaClient kea;
    private final KeaJson json;
    private final SnapshotSink snapshots;
    private volatile KeaConfig last;

    public ConfigSetReservations(KeaClient kea, KeaJson json, SnapshotSink snapshots) {
        this.kea = kea;
        this.json = json;
        this.snapshots = snapshots;
    }

    @Override
    public String mechanism() {
        return "config-set";
    }

    @Override
    public KeaConfig lastConfig() {
        return last;
    }

    @Override
    public List<HostReservation> list() {
        KeaConfig c = kea.config();
        last = c;
        return ConfigEdits.reservations(c.raw().path("Dhcp4"));
    }

    @Override
    public List<HostReservation> listFrom(KeaConfig config) {
        last = config;
        return ConfigEdits.reservations(config.raw().path("Dhcp4"));
    }

    /** A stable fingerprint of a config-get answer: Kea's own hash when it sends one, else our SHA-256 of Dhcp4. */
    String fingerprint(KeaConfig c) {
        if (c.hash() != null) {
            return c.hash();
        }
        return sha256(json.write(c.raw().path("Dhcp4")));
    }

    /**
     * Under Kea's write lock: applies, then checks in Kea that every applied edit is there. A
     * change missing afterwards (a writer that is not Gatehouse set its own config meanwhile) is
     * applied again, at most {@value #ATTEMPTS} times, then reported as a conflict: never "ok"
     * for a change Kea lacks.
     */
    @Override
    public Result apply(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        return kea.writeLock().holding(reason, () -> applyVerified(edits, reason, onConflict));
    }

    private static final int ATTEMPTS = 3;

    private Result applyVerified(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        List<ReservationEdit> appliedEarlier = new ArrayList<>();
        int writes = 0;
        for (int attempt = 1; ; attempt++) {
            Result r = applyOnce(edits, reason, onConflict);
            writes += r.written() ? 1 : 0;
            List<ReservationEdit> applied = new ArrayList<>(appliedEarlier);
            r.outcomes().stream().filter(o -> o.status() == Status.APPLIED).forEach(o -> applied.add(o.edit()));
            Check check = applied.isEmpty() ? Check.NONE : checkInKea(applied);
            if (check.missing().isEmpty()) {
                return settle(r, applied, check.overruled(), attempt > 1);
            }
            if (attempt == ATTEMPTS) {
                if (onConflict == OnConflict.SKIP) {
                    // The aging pass: report what holds and leave the rest, as for any concurrent change.
                    return settle(r, applied, union(check.overruled(), check.missing()), true);
                }
                throw new ReservationConflict("Kea does not hold " + check.missing().get(0).describe() + " after " + writes
                        + " write(s): another program keeps setting its own configuration; check Kea before trying again");
            }
            appliedEarlier = applied;
        }
    }

    /** What the check after writing found: edits Kea lacks, and put-if-absent edits a person overruled meanwhile. */
    private record Check(List<ReservationEdit> missing, List<ReservationEdit> overruled) {
        static final Check NONE = new Check(List.of(), List.of());
    }

    private static List<ReservationEdit> union(List<ReservationEdit> a, List<ReservationEdit> b) {
        List<ReservationEdit> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The outcomes as Kea holds them now: edits applied in any attempt are APPLIED, and a
     * put-if-absent that another writer's reservation replaced is SKIPPED, not a failure.
     */
    private static Result settle(Result r, List<ReservationEdit> applied, List<ReservationEdit> overruled, boolean again) {
        if (!again && overruled.isEmpty()) {
            return r;
        }
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : r.outcomes()) {
            if (overruled.contains(o.edit())) {
                out.add(new Outcome(o.edit(), Status.SKIPPED, "changed by someone else meanwhile; left as it is"));
            } else if (o.status() == Status.UNCHANGED && applied.contains(o.edit())) {
                out.add(new Outcome(o.edit(), Status.APPLIED, "written (again, after another writer replaced it)"));
            } else {
                out.add(o);
            }
        }
        boolean written = out.stream().anyMatch(o -> o.status() == Status.APPLIED);
        return new Result(out, written || r.written(), r.merged() || again, r.mechanism());
    }

    /** Compares Kea's running configuration with the edits just applied. */
    private Check checkInKea(List<ReservationEdit> applied) {
        KeaConfig now;
        try {
            now = kea.config();
        } catch (KeaUnreachable gone) {
            // Kea acknowledged config-write and then stopped answering: its own word stands, and a
            // failure report would be as untrue as an unchecked success. The next read shows it.
            return Check.NONE;
        }
        last = now;
        JsonNode dhcp4 = now.raw().path("Dhcp4");
        List<ReservationEdit> missing = new ArrayList<>();
        List<ReservationEdit> overruled = new ArrayList<>();
        for (ReservationEdit e : applied) {
            JsonNode have = ConfigEdits.find(dhcp4, e.subnetId(), e.mac()).orElse(null);
            if (ConfigEdits.satisfies(have, e)) {
                continue;
            }
            if (have != null && e instanceof ReservationEdit.Put p && p.onlyIfAbsent()) {
                overruled.add(e); // a person decided after we wrote: their decision stands
            } else {
                missing.add(e);
            }
        }
        return new Check(missing, overruled);
    }

    private Result applyOnce(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        KeaConfig base = kea.config();
        last = base;
        JsonNode baseDhcp4 = base.raw().path("Dhcp4");
        kea.writeLock().confirmTarget(baseDhcp4);
        ConfigEdits.validateAll(baseDhcp4, edits);
        List<Outcome> outcomes = new ArrayList<>();
        List<ReservationEdit> todo = new ArrayList<>();
        for (ReservationEdit e : edits) {
            JsonNode existing = ConfigEdits.find(baseDhcp4, e.subnetId(), e.mac()).orElse(null);
            if (ConfigEdits.satisfies(existing, e)) {
                outcomes.add(new Outcome(e, Status.UNCHANGED, "already so in Kea"));
            } else if (existing != null && e instanceof ReservationEdit.Put p && p.onlyIfAbsent()) {
                outcomes.add(new Outcome(e, Status.SKIPPED, alreadyReserved(existing, e)));
            } else {
                todo.add(e);
            }
        }
        if (todo.isEmpty()) {
            return new Result(outcomes, false, false, mechanism());
        }
        boolean hashCommand = kea.capabilities().configHash();
        String baseHash = base.hash() != null ? base.hash()
                : hashCommand ? kea.execute(new ConfigCommands.ConfigHashGet()) : fingerprint(base);

        // Right before writing: has anyone changed the configuration since we read it?
        KeaConfig current = base;
        boolean changed;
        if (hashCommand) {
            changed = !baseHash.equalsIgnoreCase(kea.execute(new ConfigCommands.ConfigHashGet()));
            if (changed) {
                current = kea.config();
            }
        } else {
            current = kea.config();
            changed = !fingerprint(current).equals(fingerprint(base));
        }
        JsonNode currentDhcp4 = current.raw().path("Dhcp4");
        List<ReservationEdit> write = new ArrayList<>();
        if (changed) {
            last = current;
            for (ReservationEdit e : todo) {
                JsonNode before = ConfigEdits.find(baseDhcp4, e.subnetId(), e.mac()).orElse(null);
                JsonNode now = ConfigEdits.find(currentDhcp4, e.subnetId(), e.mac()).orElse(null);
                if (ConfigEdits.satisfies(now, e)) {
                    outcomes.add(new Outcome(e, Status.UNCHANGED, "another writer made the same change meanwhile"));
                } else if (now != null && e instanceof ReservationEdit.Put p && p.onlyIfAbsent()) {
                    outcomes.add(new Outcome(e, Status.SKIPPED, alreadyReserved(now, e)));
                } else if (Objects.equals(before, now)) {
                    ConfigEdits.validate(currentDhcp4, e);
                    write.add(e);
                } else if (onConflict == OnConflict.SKIP) {
                    outcomes.add(new Outcome(e, Status.SKIPPED, "changed by someone else meanwhile; left as it is"));
                } else {
                    HostReservation theirs = now == null ? null : ConfigEdits.fromJson(now, e.subnetId());
                    throw new ReservationConflict("the reservation of " + e.mac() + " in subnet " + e.subnetId()
                            + " was changed by someone else meanwhile (now: " + describe(theirs) + "); nothing was written");
                }
            }
        } else {
            write.addAll(todo);
        }
        if (write.isEmpty()) {
            return new Result(outcomes, false, changed, mechanism());
        }
        ObjectNode next = (ObjectNode) currentDhcp4.deepCopy();
        for (ReservationEdit e : write) {
            ConfigEdits.apply(next, e);
        }
        snapshots.beforeWrite(reason, changed ? fingerprint(current) : baseHash, current.raw());
        kea.writeLock().checkHeld();
        try {
            kea.execute(new ConfigCommands.ConfigSet(next));
        } catch (KeaUnreachable lost) {
            // The answer was lost, not necessarily the command: if Kea applied it, it must be
            // persisted now, or a retry finds "already so", skips config-write, and the change
            // disappears at Kea's next restart.
            if (!appliedAnyway(write, lost)) {
                throw lost;
            }
        }
        ConfigWrites.persistOrRollBack(kea, currentDhcp4);
        for (ReservationEdit e : write) {
            outcomes.add(new Outcome(e, Status.APPLIED, changed ? "merged with another writer's change" : "written"));
        }
        return new Result(outcomes, true, changed, mechanism());
    }

    /** After a config-set whose answer was lost: does Kea's running configuration hold every edit? */
    private boolean appliedAnyway(List<ReservationEdit> write, KeaUnreachable lost) {
        KeaConfig now;
        try {
            now = kea.config();
        } catch (KeaException stillAway) {
            lost.addSuppressed(stillAway);
            return false;
        }
        JsonNode dhcp4 = now.raw().path("Dhcp4");
        for (ReservationEdit e : write) {
            if (!ConfigEdits.satisfies(ConfigEdits.find(dhcp4, e.subnetId(), e.mac()).orElse(null), e)) {
                return false;
            }
        }
        last = now;
        return true;
    }

    static String alreadyReserved(JsonNode existing, ReservationEdit e) {
        return "already reserved (" + describe(ConfigEdits.fromJson(existing, e.subnetId())) + "); left as it is";
    }

    static String describe(HostReservation r) {
        if (r == null) {
            return "no reservation";
        }
        StringBuilder sb = new StringBuilder(r.clientClasses().isEmpty() ? "no class" : String.join(",", r.clientClasses()));
        Optional.ofNullable(r.stamp()).ifPresent(s -> sb.append(" by ").append(s.by().isEmpty() ? "?" : s.by())
                .append(s.at() == null ? "" : " at " + s.at()));
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
