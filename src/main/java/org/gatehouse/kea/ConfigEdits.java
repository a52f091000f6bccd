package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Ipv4Range;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;

/**
 * Reads and edits the reservations inside a Dhcp4 configuration tree: the rules a reservation
 * must meet before Gatehouse sends it (known subnet outside a shared network, known class, a
 * fixed address inside the subnet and outside its dynamic pools and not reserved to another MAC),
 * and the mapping between Kea's host maps and {@link HostReservation}.
 */
public final class ConfigEdits {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigEdits() {
    }

    /** A subnet4 map and the shared network holding it (null if none). */
    record SubnetNode(ObjectNode node, String sharedNetwork) {
        long id() {
            return node.path("id").asLong();
        }
    }

    /** Every subnet4 map, top level and inside shared networks. */
    static List<SubnetNode> subnets(JsonNode dhcp4) {
        List<SubnetNode> out = new ArrayList<>();
        dhcp4.path("subnet4").forEach(s -> {
            if (s.isObject()) {
                out.add(new SubnetNode((ObjectNode) s, null));
            }
        });
        dhcp4.path("shared-networks").forEach(net -> net.path("subnet4").forEach(s -> {
            if (s.isObject()) {
                out.add(new SubnetNode((ObjectNode) s, net.path("name").asText("")));
            }
        }));
        return out;
    }

    static Optional<SubnetNode> subnet(JsonNode dhcp4, long id) {
        return subnets(dhcp4).stream().filter(s -> s.id() == id).findFirst();
    }

    /** The host map of {@code mac} in subnet {@code id}, if any. */
    static Optional<ObjectNode> find(JsonNode dhcp4, long subnetId, Mac mac) {
        return subnet(dhcp4, subnetId).flatMap(s -> find(s.node(), mac));
    }

    private static Optional<ObjectNode> find(ObjectNode subnet, Mac mac) {
        for (JsonNode h : subnet.path("reservations")) {
            if (h.isObject() && mac.equals(macOf(h))) {
                return Optional.of((ObjectNode) h);
            }
        }
        return Optional.empty();
    }

    private static Mac macOf(JsonNode host) {
        String hw = host.path("hw-address").asText("");
        return Mac.isValid(hw) ? Mac.parse(hw) : null;
    }

    /** Every hw-address reservation in the configuration. */
    public static List<HostReservation> reservations(JsonNode dhcp4) {
        List<HostReservation> out = new ArrayList<>();
        for (SubnetNode s : subnets(dhcp4)) {
            for (JsonNode h : s.node().path("reservations")) {
                HostReservation r = fromJson(h, s.id());
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Reads a host map (from the config or host_cmds); null when it is not keyed by hw-address. */
    public static HostReservation fromJson(JsonNode h, long subnetId) {
        Mac mac = macOf(h);
        if (mac == null) {
            return null;
        }
        List<String> classes = new ArrayList<>();
        h.path("client-classes").forEach(c -> classes.add(c.asText()));
        String ipText = h.path("ip-address").asText("");
        Ipv4 ip = Ipv4.isValid(ipText) && !"0.0.0.0".equals(ipText) ? Ipv4.parse(ipText) : null;
        JsonNode gh = h.path("user-context").path("gatehouse");
        HostReservation.Stamp stamp = null;
        if (gh.isObject()) {
            Instant at = null;
            try {
                at = gh.hasNonNull("at") ? Instant.parse(gh.get("at").asText()) : null;
            } catch (DateTimeParseException e) {
                at = null;
            }
            stamp = new HostReservation.Stamp(gh.path("by").asText(""), at, gh.path("note").asText(""));
        }
        long sid = h.hasNonNull("subnet-id") ? h.get("subnet-id").asLong() : subnetId;
        return new HostReservation(mac, sid, classes, ip, h.path("hostname").asText(""), stamp);
    }

    /**
     * The host map for {@code r}: the fields Gatehouse owns are set, anything else an admin put
     * into an existing reservation (options, other user-context keys) is kept.
     */
    public static ObjectNode toJson(HostReservation r, JsonNode existing) {
        ObjectNode h = existing != null && existing.isObject() ? ((ObjectNode) existing).deepCopy() : NODES.objectNode();
        if (existing == null) {
            h.put("hw-address", r.mac().toString());
        }
        ArrayNode classes = h.putArray("client-classes");
        r.clientClasses().forEach(classes::add);
        if (r.ip() != null) {
            h.put("ip-address", r.ip().toString());
        } else {
            h.remove("ip-address");
        }
        h.put("hostname", r.hostname());
        if (r.stamp() != null) {
            JsonNode uc = h.path("user-context");
            ObjectNode ctx = uc.isObject() ? (ObjectNode) uc : h.putObject("user-context");
            ObjectNode gh = ctx.putObject("gatehouse");
            gh.put("by", r.stamp().by());
            if (r.stamp().at() != null) {
                gh.put("at", r.stamp().at().toString());
            }
            gh.put("note", r.stamp().note());
        }
        return h;
    }

    /** True when the existing host map already is what {@code wanted} asks for (stamp aside). */
    static boolean satisfies(JsonNode existing, ReservationEdit edit) {
        if (edit instanceof ReservationEdit.Remove) {
            return existing == null;
        }
        if (existing == null) {
            return false;
        }
        HostReservation wanted = ((ReservationEdit.Put) edit).reservation();
        HostReservation have = fromJson(existing, wanted.subnetId());
        return have != null && new HashSet<>(have.clientClasses()).equals(new HashSet<>(wanted.clientClasses()))
                && java.util.Objects.equals(have.ip(), wanted.ip()) && have.hostname().equals(wanted.hostname());
    }

    /** The class names {@code config} knows (defined, or guarding a pool), for editors. */
    public static Set<String> knownClassNames(KeaConfig config) {
        return knownClasses(config.raw().path("Dhcp4"));
    }

    /** Every class name the configuration knows: defined classes and the classes pools are guarded by. */
    static Set<String> knownClasses(JsonNode dhcp4) {
        Set<String> out = new TreeSet<>();
        dhcp4.path("client-classes").forEach(c -> out.add(c.path("name").asText()));
        for (SubnetNode s : subnets(dhcp4)) {
            for (JsonNode p : s.node().path("pools")) {
                out.addAll(KeaConfig.classesOf(p));
            }
        }
        return out;
    }

    /**
     * Checks one edit against the configuration it will be applied to. Throws {@link BadInput}
     * (exit 2) or {@link ReservationRefused} (exit 1); nothing has been written when it does.
     */
    static void validate(JsonNode dhcp4, ReservationEdit edit) {
        Optional<SubnetNode> found = subnet(dhcp4, edit.subnetId());
        if (found.isEmpty()) {
            if (edit instanceof ReservationEdit.Remove) {
                return;
            }
            throw new BadInput("subnet", "Kea has no subnet with id " + edit.subnetId());
        }
        SubnetNode s = found.get();
        if (s.sharedNetwork() != null) {
            throw new ReservationRefused("subnet " + s.id() + " (" + s.node().path("subnet").asText() + ") is in shared network '"
                    + s.sharedNetwork() + "': there a subnet reservation's classes come too late to choose the pool, so "
                    + edit.mac() + " would not move. Take the subnet out of the shared network (see 'gatehouse site check').");
        }
        if (!(edit instanceof ReservationEdit.Put put)) {
            return;
        }
        HostReservation r = put.reservation();
        if (r.clientClasses().isEmpty()) {
            throw new BadInput("class", "a reservation needs a client class (registered, old-unregistered, denied, ...)");
        }
        Set<String> known = knownClasses(dhcp4);
        for (String c : r.clientClasses()) {
            if (!known.contains(c)) {
                throw new BadInput("class", "'" + c + "' is not a client class of this Kea (known: " + String.join(", ", known) + ")");
            }
        }
        if (r.ip() != null) {
            checkFixedAddress(s, r.mac(), r.ip());
        }
    }

    private static void checkFixedAddress(SubnetNode s, Mac mac, Ipv4 ip) {
        String cidr = s.node().path("subnet").asText();
        Ipv4Range prefix = Ipv4Range.parse(cidr);
        if (!prefix.contains(ip)) {
            throw new BadInput("IP", ip + " is not inside subnet " + s.id() + " (" + cidr + ")");
        }
        if (prefix.size() > 2 && (ip.equals(prefix.first()) || ip.equals(prefix.last()))) {
            throw new BadInput("IP", ip + " is the network or broadcast address of " + cidr);
        }
        for (JsonNode p : s.node().path("pools")) {
            Ipv4Range pool = Ipv4Range.parse(p.path("pool").asText());
            if (pool.contains(ip)) {
                throw new BadInput("IP", ip + " lies in the dynamic pool " + pool + " of subnet " + s.id()
                        + "; a fixed address must lie outside the pools");
            }
        }
        for (JsonNode h : s.node().path("reservations")) {
            if (ip.toString().equals(h.path("ip-address").asText()) && !mac.equals(macOf(h))) {
                throw new BadInput("IP", ip + " is already reserved for " + h.path("hw-address").asText() + " in subnet " + s.id());
            }
        }
    }

    /** Applies one (validated) edit to the tree in place. */
    static void apply(JsonNode dhcp4, ReservationEdit edit) {
        SubnetNode s = subnet(dhcp4, edit.subnetId()).orElse(null);
        if (s == null) {
            return;
        }
        JsonNode res = s.node().path("reservations");
        ArrayNode list = res.isArray() ? (ArrayNode) res : s.node().putArray("reservations");
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (edit.mac().equals(macOf(list.get(i)))) {
                at = i;
                break;
            }
        }
        if (edit instanceof ReservationEdit.Put put) {
            ObjectNode h = toJson(put.reservation(), at < 0 ? null : list.get(at));
            if (at < 0) {
                list.add(h);
            } else {
                list.set(at, h);
            }
        } else if (at >= 0) {
            list.remove(at);
        }
    }

    /**
     * Every problem of a batch against {@code config}, one text per problem (prefixed with the
     * edit's label), so that an import can be rejected as a whole with all its faults listed.
     */
    public static List<String> problems(KeaConfig config, List<ReservationEdit> edits, List<String> labels) {
        JsonNode dhcp4 = config.raw().path("Dhcp4");
        List<String> out = new ArrayList<>();
        Map<String, String> ips = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        for (int i = 0; i < edits.size(); i++) {
            ReservationEdit e = edits.get(i);
            String label = labels.get(i);
            try {
                validate(dhcp4, e);
            } catch (org.gatehouse.model.GatehouseException ex) {
                out.add(label + ": " + ex.getMessage());
            }
            String other = keys.putIfAbsent(e.subnetId() + "/" + e.mac(), label);
            if (other != null) {
                out.add(label + ": " + e.mac() + " is already given in " + other);
            }
            if (e instanceof ReservationEdit.Put p && p.reservation().ip() != null) {
                String o = ips.putIfAbsent(e.subnetId() + "/" + p.reservation().ip(), label);
                if (o != null) {
                    out.add(label + ": " + p.reservation().ip() + " is already given in " + o);
                }
            }
        }
        return out;
    }

    /** Checks a whole batch: each edit alone, and no two edits reserving the same address or MAC twice. */
    static void validateAll(JsonNode dhcp4, List<ReservationEdit> edits) {
        Map<String, Mac> ips = new HashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (ReservationEdit e : edits) {
            validate(dhcp4, e);
            if (!keys.add(e.subnetId() + "/" + e.mac())) {
                throw new BadInput("MAC", e.mac() + " appears twice for subnet " + e.subnetId());
            }
            if (e instanceof ReservationEdit.Put p && p.reservation().ip() != null) {
                Mac other = ips.putIfAbsent(e.subnetId() + "/" + p.reservation().ip(), e.mac());
                if (other != null) {
                    throw new BadInput("IP", p.reservation().ip() + " is given to both " + other + " and " + e.mac());
                }
            }
        }
    }
}
