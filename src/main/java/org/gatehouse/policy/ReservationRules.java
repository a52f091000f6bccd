package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;

/**
 * What an editor form needs to check a reservation while it is typed, from the configuration
 * last read: the classes Kea knows and its subnets. The same rules the write path applies, so the
 * form and the command line refuse the same things with the same words.
 */
public final class ReservationRules {
    private final KeaConfig config;

    ReservationRules(KeaConfig config) {
        this.config = config;
    }

    /** The rules before any configuration was read: the three guest classes, no subnets. */
    public static ReservationRules beforeFirstRead() {
        return new ReservationRules(null);
    }

    public record SubnetChoice(long id, String cidr, String sharedNetwork) {
        @Override
        public String toString() {
            return id + " — " + cidr + (sharedNetwork == null ? "" : " (shared network " + sharedNetwork + ")");
        }
    }

    public List<String> classes() {
        return config == null ? List.of(HostReservation.REGISTERED, HostReservation.OLD_UNREGISTERED, HostReservation.DENIED)
                : List.copyOf(knownClasses());
    }

    private Set<String> knownClasses() {
        return ConfigEdits.knownClassNames(config);
    }

    public List<SubnetChoice> subnets() {
        List<SubnetChoice> out = new ArrayList<>();
        if (config != null) {
            config.subnets().forEach(s -> out.add(new SubnetChoice(s.id(), s.cidr(), s.sharedNetwork())));
        }
        return out;
    }

    /** The subnet a fixed address belongs to, if any. */
    public Long subnetOf(Ipv4 ip) {
        return config == null ? null : SubnetRule.holding(config, ip).map(KeaConfig.Subnet::id).orElse(null);
    }

    /**
     * The first problem of the form's values, or null when Kea should accept them. Field texts are
     * as typed; MAC and IP in any accepted spelling.
     */
    public String problem(String mac, String cls, String ip, String hostname, String note, Long subnet) {
        if (mac == null || mac.isBlank()) {
            return "enter the device's MAC address";
        }
        try {
            Mac m = Mac.parse(mac);
            String c = HostReservation.validClass(cls);
            Ipv4 address = ip == null || ip.isBlank() ? null : Ipv4.parse(ip);
            String h = HostReservation.validHostname(hostname);
            HostReservation.validNote(note);
            if (config == null && subnet == null) {
                return "choose a subnet";
            }
            long sid;
            try {
                sid = config == null ? subnet : SubnetRule.choose(config, null, subnet, address, List.of(), List.of());
            } catch (BadInput e) {
                return address != null ? e.getMessage() : "choose a subnet";
            }
            if (config != null) {
                List<String> p = ConfigEdits.problems(config, List.of(new ReservationEdit.Put(new HostReservation(m, sid, List.of(c),
                        address, h, null))), List.of("reservation"));
                return p.isEmpty() ? null : p.get(0).substring("reservation: ".length());
            }
            return null;
        } catch (GatehouseException e) {
            return e.getMessage();
        }
    }

}
