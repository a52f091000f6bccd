package org.gatehouse.kea;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Ipv4Range;

/**
 * Builds the three-pool guest configuration for kea-dhcp4: per VLAN one subnet with a
 * registered pool (.5-.127, 24 h, public DNS), a newly-unregistered pool (.128-.191, 60 s,
 * portal DNS) and an old-unregistered pool (.192-.254, 24 h, portal DNS), chosen by client class.
 * The class order and tests are the ones measured to work on Kea 2.2 (shared/kea-rig/README.md):
 * {@code denied} must precede {@code newly-unregistered}, whose test excludes it.
 */
public final class GuestSiteConfig {

    /** One guest VLAN: Kea's subnet id is the VLAN id; the subnet must be a /24. */
    public record GuestVlan(int vlan, String cidr) {
        public GuestVlan {
            if (vlan < 1 || vlan > 4094) {
                throw new BadInput("VLAN", vlan + " is not 1-4094");
            }
            Ipv4Range r = Ipv4Range.parse(cidr);
            if (!cidr.contains("/") || r.size() != 256) {
                throw new BadInput("subnet", "'" + cidr + "' must be a /24 (the pools use .5-.254)");
            }
        }

        Ipv4 base() {
            return Ipv4Range.parse(cidr).first();
        }
    }

    /** Where a locally run Kea keeps its files; null parts are left out of the config. */
    public record Runtime(List<String> interfaces, Path controlSocket, Path leaseFile, Path logFile, Path hooksDir) {
    }

    private final KeaJson json;

    public GuestSiteConfig(KeaJson json) {
        this.json = json;
    }

    public static final int NEW_LIFETIME = 60;
    public static final int LONG_LIFETIME = 86400;

    /** @param portalDns the captive portal's DNS for the unregistered pools, or null for each VLAN's .4 */
    public ObjectNode generate(List<GuestVlan> vlans, List<String> publicDns, String portalDns, Runtime rt) {
        ObjectNode dhcp4 = json.object();
        ObjectNode ifaces = dhcp4.putObject("interfaces-config");
        ArrayNode names = ifaces.putArray("interfaces");
        rt.interfaces().forEach(names::add);
        if (rt.controlSocket() != null) {
            dhcp4.putObject("control-socket").put("socket-type", "unix").put("socket-name", rt.controlSocket().toString());
        }
        ObjectNode leaseDb = dhcp4.putObject("lease-database").put("type", "memfile").put("persist", true).put("lfc-interval", 3600);
        if (rt.leaseFile() != null) {
            leaseDb.put("name", rt.leaseFile().toString());
        }
        ArrayNode hooks = dhcp4.putArray("hooks-libraries");
        for (String lib : List.of("libdhcp_lease_cmds.so", "libdhcp_stat_cmds.so")) {
            hooks.addObject().put("library", rt.hooksDir() == null ? lib : rt.hooksDir().resolve(lib).toString());
        }
        dhcp4.putArray("host-reservation-identifiers").add("hw-address");
        dhcp4.put("valid-lifetime", LONG_LIFETIME);
        // T1/T2 follow each class's lifetime: 30 s / 52.5 s for the 60 s leases, 12 h / 21 h otherwise.
        dhcp4.put("calculate-tee-times", true).put("t1-percent", 0.5).put("t2-percent", 0.875);
        ArrayNode classes = dhcp4.putArray("client-classes");
        classes.addObject().put("name", "registered").put("valid-lifetime", LONG_LIFETIME);
        classes.addObject().put("name", "old-unregistered").put("valid-lifetime", LONG_LIFETIME);
        classes.addObject().put("name", "denied");
        classes.addObject().put("name", "newly-unregistered").put("valid-lifetime", NEW_LIFETIME)
                .put("test", "not member('registered') and not member('old-unregistered') and not member('denied')");
        ArrayNode subnets = dhcp4.putArray("subnet4");
        for (GuestVlan v : vlans) {
            Ipv4 base = v.base();
            ObjectNode s = subnets.addObject().put("id", v.vlan()).put("subnet", v.cidr());
            s.putArray("option-data").addObject().put("name", "routers").put("data", base.plus(1).toString());
            ArrayNode pools = s.putArray("pools");
            pool(pools, base.plus(5), base.plus(127), "registered", String.join(", ", publicDns));
            // Without a site-wide portal, each VLAN's portal answers on its .4 (as the reference site has it).
            String portal = portalDns != null ? portalDns : base.plus(4).toString();
            pool(pools, base.plus(128), base.plus(191), "newly-unregistered", portal);
            pool(pools, base.plus(192), base.plus(254), "old-unregistered", portal);
            s.putArray("reservations");
        }
        if (rt.logFile() != null) {
            ObjectNode logger = dhcp4.putArray("loggers").addObject().put("name", "kea-dhcp4").put("severity", "INFO").put("debuglevel", 0);
            logger.putArray("output_options").addObject().put("output", rt.logFile().toString());
        }
        ObjectNode root = json.object();
        root.set("Dhcp4", dhcp4);
        return root;
    }

    private static void pool(ArrayNode pools, Ipv4 first, Ipv4 last, String clientClass, String dns) {
        ObjectNode p = pools.addObject().put("pool", first + " - " + last).put("client-class", clientClass);
        p.putArray("option-data").addObject().put("name", "domain-name-servers").put("data", dns);
    }
}
