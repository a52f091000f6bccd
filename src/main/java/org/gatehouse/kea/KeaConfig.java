package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Ipv4Range;

/**
 * The parts of a running kea-dhcp4 configuration that Gatehouse reads: subnets, their pools and
 * the client classes that guard each pool. The raw tree is kept for writers that edit it.
 * Reads both spellings: {@code client-class} (string, up to 2.6) and {@code client-classes}
 * (list, 2.7.5+).
 */
public record KeaConfig(JsonNode raw, List<Subnet> subnets, List<String> clientClasses, String hash) {

    public record Pool(Ipv4Range range, List<String> clientClasses) {
        public Pool {
            clientClasses = List.copyOf(clientClasses);
        }
    }

    /** A subnet4 entry; {@code sharedNetwork} is the name of the shared network holding it, or null. */
    public record Subnet(long id, Ipv4Range prefix, String cidr, List<Pool> pools, String sharedNetwork, int reservations) {
        public Subnet {
            pools = List.copyOf(pools);
        }

        public Optional<Pool> poolOf(Ipv4 ip) {
            return pools.stream().filter(p -> p.range().contains(ip)).findFirst();
        }
    }

    public KeaConfig {
        subnets = List.copyOf(subnets);
        clientClasses = List.copyOf(clientClasses);
    }

    /** Parses the arguments of a config-get answer ({@code {"Dhcp4": {...}, "hash": ...}}). */
    public static KeaConfig parse(JsonNode arguments) {
        JsonNode dhcp4 = arguments.path("Dhcp4");
        if (!dhcp4.isObject()) {
            throw new KeaProtocolError("config-get returned no Dhcp4 configuration");
        }
        List<Subnet> subnets = new ArrayList<>();
        dhcp4.path("subnet4").forEach(s -> subnets.add(subnet(s, null)));
        dhcp4.path("shared-networks").forEach(net -> net.path("subnet4")
                .forEach(s -> subnets.add(subnet(s, net.path("name").asText("")))));
        List<String> classes = new ArrayList<>();
        dhcp4.path("client-classes").forEach(c -> classes.add(c.path("name").asText()));
        String hash = arguments.hasNonNull("hash") ? arguments.get("hash").asText() : null;
        return new KeaConfig(arguments, subnets, classes, hash);
    }

    private static Subnet subnet(JsonNode s, String sharedNetwork) {
        List<Pool> pools = new ArrayList<>();
        for (JsonNode p : s.path("pools")) {
            pools.add(new Pool(Ipv4Range.parse(p.path("pool").asText()), classesOf(p)));
        }
        String cidr = s.path("subnet").asText();
        return new Subnet(s.path("id").asLong(), Ipv4Range.parse(cidr), cidr, pools, sharedNetwork,
                s.path("reservations").size());
    }

    /** The pool's guard classes, whichever key this Kea version writes. */
    static List<String> classesOf(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.path("client-class").isTextual() && !node.get("client-class").asText().isEmpty()) {
            out.add(node.get("client-class").asText());
        }
        node.path("client-classes").forEach(c -> out.add(c.asText()));
        return out;
    }

    public Optional<Subnet> subnet(long id) {
        return subnets.stream().filter(s -> s.id() == id).findFirst();
    }
}
