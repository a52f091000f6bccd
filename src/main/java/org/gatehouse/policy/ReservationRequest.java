package org.gatehouse.policy;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;

/**
 * One reservation edit as the Reservations screen asks for it: add (or replace) with every field,
 * or remove. The same record is carried out now, or waits in the offline queue and is replayed
 * with every field kept. {@code subnetId} null: the subnet of the address or of the device's lease.
 */
public record ReservationRequest(String kind, Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
    public static final String ADD = "reservation-add";
    public static final String REMOVE = "reservation-remove";

    public static ReservationRequest add(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        return new ReservationRequest(ADD, mac, clientClass, ip, hostname == null ? "" : hostname, note == null ? "" : note, subnetId);
    }

    public static ReservationRequest remove(Mac mac, Long subnetId, String note) {
        return new ReservationRequest(REMOVE, mac, null, null, "", note == null ? "" : note, subnetId);
    }

    public boolean isAdd() {
        return ADD.equals(kind);
    }

    /** For lists and dialogs: what this edit does, in a few words. */
    public String describe() {
        String where = subnetId == null ? "" : " in subnet " + subnetId;
        return isAdd() ? "reserve " + mac + " as " + clientClass + (ip == null ? "" : " at " + ip) + where : "remove the reservation of " + mac + where;
    }

    /** {@link #basis(Mac, Long, List)} for this edit's device and subnet. */
    public String basis(List<HostReservation> seen) {
        return basis(mac, subnetId, seen);
    }

    /**
     * The reservations this edit depends on, as the user saw them, in a form compared again at replay:
     * the MAC's reservation in {@code subnetId} (in every subnet when null) — "none", or each one's
     * subnet, classes, address and hostname. Who stamped it is left out: a stamp alone is not a change
     * of decision. Text from Kea is escaped, as it ends up in audit rows and dialogs.
     */
    public static String basis(Mac mac, Long subnetId, List<HostReservation> seen) {
        String s = seen.stream().filter(r -> r.mac().equals(mac) && (subnetId == null || r.subnetId() == subnetId))
                .sorted(Comparator.comparingLong(HostReservation::subnetId))
                .map(r -> "subnet " + r.subnetId() + ": " + String.join(",", r.clientClasses().stream().sorted().toList())
                        + (r.ip() == null ? "" : " " + r.ip()) + (r.hostname().isEmpty() ? "" : " " + r.hostname()))
                .collect(Collectors.joining("; "));
        return s.isEmpty() ? "none" : SafeText.escapeForTerminal(s);
    }

    /** Whether two edits concern the same reservations (a later one supersedes an earlier one still queued). */
    public boolean sameTarget(ReservationRequest other) {
        return mac.equals(other.mac) && java.util.Objects.equals(subnetId, other.subnetId);
    }
}
