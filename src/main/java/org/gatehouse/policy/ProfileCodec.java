package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.store.ProfileFileBroken;

/**
 * Profiles to and from the profile file's tree. Writing edits the existing tree: keys Gatehouse
 * does not know (a newer version's, a hand-written note as a key) stay as they were. Layout:
 * <pre>
 * default = "home"
 * [profiles.home]            refresh, pool-warning, pool-critical, aging-age, cache, retention
 * [profiles.home.kea]        uri, user, ca-file, ssh-key, allow-insecure-http
 * [profiles.home.peers.NAME] the same keys, once per further Kea server (an HA partner), in order
 * [profiles.home.switch]     host, port, user, key, fingerprint, acl, interfaces, block-mode
 * [profiles.home.snmp]       host, port, version (v2c|v3), user
 * [profiles.home.secrets]    kea-password, switch-password, snmp-community, snmp-auth, snmp-priv = keyring|encrypted|file:/p|systemd:N
 * </pre>
 */
final class ProfileCodec {
    private final Path file;

    ProfileCodec(Path file) {
        this.file = file;
    }

    String defaultName(ObjectNode doc) {
        JsonNode d = doc.get("default");
        return d != null && d.isTextual() && !d.asText().isBlank() ? d.asText() : null;
    }

    List<Profile> decodeAll(ObjectNode doc) {
        List<Profile> out = new ArrayList<>();
        JsonNode profiles = doc.path("profiles");
        for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                out.add(decode(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    Profile decode(String name, JsonNode p) {
        try {
            Profile.KeaAccess kea = keaAccess(p.path("kea"));
            Map<String, Profile.KeaAccess> peers = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("peers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Profile.KeaAccess peer = keaAccess(e.getValue());
                if (peer != null) {
                    peers.put(e.getKey(), peer);
                }
            }
            JsonNode s = p.path("switch");
            Profile.SwitchAccess sw = s.isObject() && text(s, "host") != null
                    ? new Profile.SwitchAccess(text(s, "host"), integer(s, "port", 22), text(s, "user"), path(s, "key"),
                    text(s, "fingerprint"), s.has("acl") ? integer(s, "acl", 4000) : null, strings(s, "interfaces"), text(s, "block-mode"))
                    : null;
            JsonNode n = p.path("snmp");
            Profile.SnmpAccess snmp = n.isObject() && text(n, "host") != null
                    ? new Profile.SnmpAccess(text(n, "host"), integer(n, "port", 161), version(text(n, "version")), text(n, "user"))
                    : null;
            Profile.Tuning t = new Profile.Tuning(p.has("refresh") ? integer(p, "refresh", 2) : null,
                    p.has("pool-warning") ? integer(p, "pool-warning", 80) : null,
                    p.has("pool-critical") ? integer(p, "pool-critical", 95) : null,
                    duration(p, "aging-age"), path(p, "cache"), duration(p, "retention"));
            Map<SecretSlot, SecretRef> secrets = new EnumMap<>(SecretSlot.class);
            for (SecretSlot slot : SecretSlot.values()) {
                String ref = text(p.path("secrets"), slot.key());
                if (ref != null) {
                    secrets.put(slot, SecretRef.parse(ref, slot.key()));
                }
            }
            return new Profile(name, kea, sw, snmp, t, secrets, peers);
        } catch (BadInput e) {
            throw new ProfileFileBroken(file + ": profile '" + name + "', " + e.field() + ": " + e.getMessage()
                    + "; fix the file by hand (Gatehouse changes nothing in it until it is right)");
        }
    }

    private static Profile.KeaAccess keaAccess(JsonNode k) {
        return k.isObject() && text(k, "uri") != null
                ? new Profile.KeaAccess(text(k, "uri"), text(k, "user"), path(k, "ca-file"), k.path("allow-insecure-http").asBoolean(false),
                path(k, "ssh-key"))
                : null;
    }

    private static void encodeKea(ObjectNode k, Profile.KeaAccess a) {
        put(k, "uri", a.uri());
        put(k, "user", a.user());
        put(k, "ca-file", a.caFile() == null ? null : a.caFile().toString());
        put(k, "ssh-key", a.sshKey() == null ? null : a.sshKey().toString());
        put(k, "allow-insecure-http", a.allowInsecureHttp() ? Boolean.TRUE : null);
    }

    /** Writes {@code p} into {@code doc}, keeping the keys of its tables that Gatehouse does not know. */
    void encode(ObjectNode doc, Profile p) {
        ObjectNode profiles = doc.has("profiles") && doc.get("profiles").isObject() ? (ObjectNode) doc.get("profiles") : doc.putObject("profiles");
        ObjectNode t = profiles.has(p.name()) && profiles.get(p.name()).isObject() ? (ObjectNode) profiles.get(p.name()) : profiles.putObject(p.name());
        Profile.Tuning tu = p.tuning();
        put(t, "refresh", tu.refreshSeconds());
        put(t, "pool-warning", tu.poolWarningPercent());
        put(t, "pool-critical", tu.poolCriticalPercent());
        put(t, "aging-age", tu.agingAge() == null ? null : AgingService.format(tu.agingAge()));
        put(t, "cache", tu.cache() == null ? null : tu.cache().toString());
        put(t, "retention", tu.retention() == null ? null : formatDays(tu.retention()));
        if (p.kea() == null) {
            t.remove("kea");
        } else {
            encodeKea(table(t, "kea"), p.kea());
        }
        if (p.peers().isEmpty()) {
            t.remove("peers");
        } else {
            ObjectNode peers = table(t, "peers");
            peers.retain(p.peers().keySet());
            p.peers().forEach((peerName, access) -> encodeKea(table(peers, peerName), access));
        }
        if (p.switchSsh() == null) {
            t.remove("switch");
        } else {
            Profile.SwitchAccess s = p.switchSsh();
            ObjectNode n = table(t, "switch");
            put(n, "host", s.host());
            put(n, "port", s.port());
            put(n, "user", s.user());
            put(n, "key", s.key() == null ? null : s.key().toString());
            put(n, "fingerprint", s.fingerprint());
            put(n, "acl", s.acl());
            if (s.interfaces().isEmpty()) {
                n.remove("interfaces");
            } else {
                ArrayNode a = n.putArray("interfaces");
                s.interfaces().forEach(a::add);
            }
            put(n, "block-mode", s.blockMode());
        }
        if (p.snmp() == null) {
            t.remove("snmp");
        } else {
            ObjectNode n = table(t, "snmp");
            put(n, "host", p.snmp().host());
            put(n, "port", p.snmp().port());
            put(n, "version", p.snmp().version() == Profile.SnmpVersion.V3 ? "v3" : "v2c");
            put(n, "user", p.snmp().user());
        }
        ObjectNode sec = table(t, "secrets");
        for (SecretSlot slot : SecretSlot.values()) {
            put(sec, slot.key(), p.secret(slot).map(SecretRef::text).orElse(null));
        }
        if (sec.isEmpty()) {
            t.remove("secrets");
        }
    }

    private static ObjectNode table(ObjectNode parent, String key) {
        return parent.has(key) && parent.get(key).isObject() ? (ObjectNode) parent.get(key) : parent.putObject(key);
    }

    private static void put(ObjectNode n, String key, Object value) {
        if (value == null) {
            n.remove(key);
        } else if (value instanceof Integer i) {
            n.put(key, i);
        } else if (value instanceof Boolean b) {
            n.put(key, b);
        } else {
            n.put(key, value.toString());
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new BadInput(key, "must be text");
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    private static Path path(JsonNode n, String key) {
        String s = text(n, key);
        return s == null ? null : Path.of(s);
    }

    private static int integer(JsonNode n, String key, int dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new BadInput(key, "'" + v.asText() + "' is not a whole number");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new BadInput(key, "must be a list like [\"GigabitEthernet1/0/1\"]");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static Profile.SnmpVersion version(String v) {
        if (v == null || v.equalsIgnoreCase("v2c")) {
            return Profile.SnmpVersion.V2C;
        }
        if (v.equalsIgnoreCase("v3")) {
            return Profile.SnmpVersion.V3;
        }
        throw new BadInput("version", "'" + v + "' is not v2c or v3");
    }

    private static Duration duration(JsonNode n, String key) {
        String s = text(n, key);
        return s == null ? null : AgingService.parseDuration(s);
    }

    private static String formatDays(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : AgingService.format(d);
    }
}
