package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.Tier;

/**
 * Reviews a kea-dhcp4 configuration for the mistakes that break the three-pool guest scheme, as
 * measured on Kea 2.2 (shared/kea-rig/README.md): classes in the wrong order, a newly-unregistered
 * test that lets decided devices in, guest subnets inside shared networks, pools open to everyone,
 * and DNS servers that let unregistered devices past the captive portal ({@link PortalDnsCheck}).
 */
public final class SiteCheck {

    public enum Severity { ERROR, WARNING, INFO }

    /** One finding: where in the configuration, what is wrong, and what to do. */
    public record Finding(Severity severity, String where, String what, String hint) {
    }

    private static final List<String> NEWLY_MUST_EXCLUDE = List.of("registered", "old-unregistered", "denied");

    /** @param dhcp4 the {@code Dhcp4} map */
    /** Reviews a kea-dhcp4 configuration file (comments allowed, as Kea allows them); bad input (exit 2) if it is none. */
    public List<Finding> checkFile(java.nio.file.Path file) {
        return check(readDhcp4(file));
    }

    /** Kea's config files may carry comments (//, #, C-style); its top level holds "Dhcp4". */
    static JsonNode readDhcp4(java.nio.file.Path file) {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_COMMENTS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_YAML_COMMENTS);
        JsonNode root;
        try {
            String text = org.gatehouse.model.InputFiles.readText(file, org.gatehouse.model.InputFiles.MAX_CONFIG_BYTES, "FILE");
            root = m.readTree(text);
            // A file Kea wrote (config-write) escapes every non-ASCII byte of a value: read it as Kea meant it.
            if (org.gatehouse.kea.KeaText.needsDecoding(text)) {
                root = org.gatehouse.kea.KeaText.decodeBytes(root);
            }
        } catch (java.io.IOException e) {
            throw new org.gatehouse.model.BadInput("FILE", "cannot read " + file + " as a Kea configuration: " + e.getMessage());
        }
        if (root == null || !root.path("Dhcp4").isObject()) {
            throw new org.gatehouse.model.BadInput("FILE", file + " has no \"Dhcp4\" map");
        }
        return root.path("Dhcp4");
    }

    public List<Finding> check(JsonNode dhcp4) {
        List<Finding> out = new ArrayList<>();
        Map<String, Integer> classIndex = new HashMap<>();
        Map<String, JsonNode> classes = new HashMap<>();
        int i = 0;
        for (JsonNode c : dhcp4.path("client-classes")) {
            classIndex.put(c.path("name").asText(), i++);
            classes.put(c.path("name").asText(), c);
        }
        checkClasses(out, classIndex, classes);
        checkIdentifiers(out, dhcp4);
        checkHooks(out, dhcp4);
        for (JsonNode s : dhcp4.path("subnet4")) {
            checkSubnet(out, dhcp4, s, null, classes);
        }
        for (JsonNode net : dhcp4.path("shared-networks")) {
            for (JsonNode s : net.path("subnet4")) {
                checkSubnet(out, dhcp4, s, net, classes);
            }
        }
        if (!dhcp4.path("calculate-tee-times").asBoolean(false)) {
            out.add(new Finding(Severity.INFO, "Dhcp4.calculate-tee-times", "T1/T2 are not derived from each class's lifetime",
                    "set \"calculate-tee-times\": true with t1-percent 0.5, so 60 s leases renew after 30 s and approved devices move quickly"));
        }
        return out;
    }

    private static void checkClasses(List<Finding> out, Map<String, Integer> index, Map<String, JsonNode> classes) {
        for (String name : List.of("registered", "old-unregistered", "newly-unregistered", "denied")) {
            if (!index.containsKey(name)) {
                out.add(new Finding(name.equals("denied") ? Severity.WARNING : Severity.ERROR, "client-classes",
                        "class '" + name + "' is not defined", "define it (gatehouse site generate shows the whole scheme)"));
            }
        }
        JsonNode newly = classes.get("newly-unregistered");
        if (newly != null) {
            String test = newly.path("test").asText("");
            for (String other : NEWLY_MUST_EXCLUDE) {
                if (index.containsKey(other) && !test.replace('"', '\'').contains("not member('" + other + "')")) {
                    out.add(new Finding(Severity.ERROR, "client-classes.newly-unregistered.test",
                            "its test does not exclude '" + other + "', so a device reserved as " + other
                                    + " still qualifies for the newly-unregistered pool",
                            "test: not member('registered') and not member('old-unregistered') and not member('denied')"));
                }
                if (index.containsKey(other) && index.get(other) > index.get("newly-unregistered")) {
                    out.add(new Finding(Severity.ERROR, "client-classes", "'" + other + "' is defined after 'newly-unregistered', whose test uses it",
                            "move '" + other + "' before 'newly-unregistered' (Kea refuses a test naming a class defined later)"));
                }
            }
            long lifetime = newly.path("valid-lifetime").asLong(-1);
            if (lifetime < 0 || lifetime > 300) {
                out.add(new Finding(Severity.WARNING, "client-classes.newly-unregistered.valid-lifetime",
                        lifetime < 0 ? "no short lifetime: new devices get the subnet's lifetime" : "lifetime " + lifetime + " s is long",
                        "use 60 s: an approved device moves at its next renewal (T1), about 30 s later"));
            }
        }
        for (String decided : List.of("registered", "old-unregistered", "denied")) {
            JsonNode c = classes.get(decided);
            if (c != null && c.hasNonNull("test") && !c.path("test").asText().isBlank()) {
                out.add(new Finding(Severity.WARNING, "client-classes." + decided + ".test",
                        "'" + decided + "' has a test; membership should come only from host reservations",
                        "remove the test so that only Gatehouse's reservations put devices in this class"));
            }
        }
    }

    private static void checkIdentifiers(List<Finding> out, JsonNode dhcp4) {
        JsonNode ids = dhcp4.path("host-reservation-identifiers");
        if (ids.isArray() && ids.size() > 0) {
            boolean hw = false;
            for (JsonNode id : ids) {
                hw |= id.asText().equals("hw-address");
            }
            if (!hw) {
                out.add(new Finding(Severity.ERROR, "Dhcp4.host-reservation-identifiers", "hw-address is not among the identifiers",
                        "add \"hw-address\": Gatehouse reserves devices by MAC"));
            }
        }
    }

    private static void checkHooks(List<Finding> out, JsonNode dhcp4) {
        boolean leaseCmds = false;
        for (JsonNode h : dhcp4.path("hooks-libraries")) {
            leaseCmds |= h.path("library").asText().contains("lease_cmds");
        }
        if (!leaseCmds) {
            out.add(new Finding(Severity.WARNING, "Dhcp4.hooks-libraries", "libdhcp_lease_cmds.so is not loaded",
                    "load it: without lease_cmds Gatehouse cannot list or delete leases"));
        }
    }

    private static void checkSubnet(List<Finding> out, JsonNode dhcp4, JsonNode s, JsonNode net, Map<String, JsonNode> classes) {
        String where = "subnet " + s.path("id").asText("?") + " (" + s.path("subnet").asText("") + ")";
        String sharedNetwork = net == null ? null : net.path("name").asText("");
        Map<Tier, List<JsonNode>> tiers = new EnumMap<>(Tier.class);
        int open = 0;
        for (JsonNode p : s.path("pools")) {
            List<String> cls = new ArrayList<>();
            if (p.path("client-class").isTextual() && !p.path("client-class").asText().isEmpty()) {
                cls.add(p.path("client-class").asText());
            }
            p.path("client-classes").forEach(c -> cls.add(c.asText()));
            if (cls.isEmpty()) {
                open++;
            }
            for (String c : cls) {
                Tier t = Tier.ofClientClass(c);
                if (t != Tier.OTHER) {
                    tiers.computeIfAbsent(t, k -> new ArrayList<>()).add(p);
                }
                if (c.equals("denied")) {
                    out.add(new Finding(Severity.ERROR, where + " pool " + p.path("pool").asText(), "a pool is open to 'denied' devices",
                            "no pool may allow 'denied': denied devices must get no address"));
                }
            }
        }
        if (tiers.isEmpty()) {
            return;
        }
        if (sharedNetwork != null) {
            out.add(new Finding(Severity.ERROR, where, "a guest subnet inside shared network '" + sharedNetwork
                    + "': reserved classes are evaluated too late there, so approved devices stay in the newly-unregistered pool",
                    "move the subnet out of the shared network (or make the reservations global)"));
        }
        for (Tier t : List.of(Tier.REGISTERED, Tier.NEWLY_UNREGISTERED, Tier.OLD_UNREGISTERED)) {
            if (!tiers.containsKey(t)) {
                out.add(new Finding(Severity.ERROR, where, "no pool for " + t.label(), "add the " + t.label() + " pool (.5-.127, .128-.191, .192-.254)"));
            }
        }
        if (open > 0) {
            out.add(new Finding(Severity.ERROR, where, open + " pool(s) without a client class: any device, denied ones too, can get an address there",
                    "give every pool of a guest subnet its class"));
        }
        PortalDnsCheck.check(out, where, tiers, s, net, dhcp4, classes);
    }
}
