package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;

/** {@code site generate}: a complete three-pool kea-dhcp4 configuration for the guest VLANs, as pretty JSON. */
public final class SiteGenerator {
    private static final Path DEBIAN_SOCKET = Path.of("/run/kea/kea4-ctrl-socket");
    private static final Path DEBIAN_HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");

    private SiteGenerator() {
    }

    /**
     * Checks every value first (bad input, exit 2). {@code subnets} pairs with {@code vlans};
     * {@code portalDns} null means each VLAN's .4; {@code dns} empty means 9.9.9.9 and 1.1.1.1.
     */
    public static String generate(List<Integer> vlans, List<String> subnets, String portalDns, List<String> dns, List<String> interfaces) {
        if (vlans.size() != subnets.size()) {
            throw new BadInput("--vlan/--subnet", "give one --subnet for each --vlan (" + vlans.size() + " VLANs, " + subnets.size() + " subnets)");
        }
        List<GuestSiteConfig.GuestVlan> guestVlans = new ArrayList<>();
        for (int i = 0; i < vlans.size(); i++) {
            guestVlans.add(new GuestSiteConfig.GuestVlan(vlans.get(i), subnets.get(i)));
        }
        if (guestVlans.stream().map(GuestSiteConfig.GuestVlan::vlan).distinct().count() != guestVlans.size()) {
            throw new BadInput("--vlan", "each VLAN may be given once");
        }
        List<String> publicDns = (dns.isEmpty() ? List.of("9.9.9.9", "1.1.1.1") : dns).stream().map(d -> Ipv4.parse(d).toString()).toList();
        String portal = portalDns == null ? null : Ipv4.parse(portalDns).toString();
        for (String name : interfaces) {
            if (!name.matches("[A-Za-z0-9._@:-]{1,15}")) {
                throw new BadInput("--interface", "'" + name + "' is not an interface name");
            }
        }
        Path hooks;
        try {
            hooks = LocalKea.hooksDir();
        } catch (IllegalStateException notInstalledHere) {
            hooks = DEBIAN_HOOKS;
        }
        GuestSiteConfig.Runtime rt = new GuestSiteConfig.Runtime(interfaces, DEBIAN_SOCKET, null, null, hooks);
        KeaJson json = new KeaJson();
        try {
            return json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(new GuestSiteConfig(json).generate(guestVlans, publicDns, portal, rt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the configuration", e);
        }
    }
}
