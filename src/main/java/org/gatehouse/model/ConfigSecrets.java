package org.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for secrets in a Kea configuration (what config-get answers): which keys hold
 * one, how they are blanked out for everything Gatehouse keeps or shows, and how a blanked tree
 * gets its real values back from the running configuration before it is written to Kea again.
 *
 * <p>A key holds a secret when its name (case-insensitive) is {@code password} or {@code secret},
 * or ends in {@code -password} or {@code -secret}, at any depth, inside arrays too. This covers
 * Kea 3.0's {@code lease-database.password}, {@code hosts-databases[].password},
 * {@code config-control.config-databases[].password}, the HA hook's
 * {@code peers[].basic-auth-password}, the Control Agent's {@code authentication.clients[].password}
 * and D2's TSIG {@code tsig-keys[].secret}. Keys ending in {@code -file} ({@code password-file},
 * {@code basic-auth-password-file}, {@code secret-file}, Kea 2.7+) name a file and are kept.
 * Every non-null scalar value of a secret key is replaced by {@link #MARKER}; objects and arrays
 * under such a key are searched further rather than blanked whole.
 */
public final class ConfigSecrets {
    /** What stands in for a secret value in the cache and in everything shown. */
    public static final String MARKER = "********";

    private static final Set<String> NAMES = Set.of("password", "secret");
    private static final List<String> SUFFIXES = List.of("-password", "-secret");
    /** Array elements are matched to the running configuration by these, when unique; else by position. */
    private static final List<String> IDENTITIES = List.of("name", "user");

    private ConfigSecrets() {
    }

    /** Whether a key of this name holds a secret (see the class comment for the rule). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return NAMES.contains(k) || SUFFIXES.stream().anyMatch(k::endsWith);
    }

    /** A copy of {@code tree} with every secret value replaced by {@link #MARKER}; {@code tree} is left as it is. */
    public static JsonNode redacted(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        JsonNode copy = tree.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    /** Whether {@code tree} holds any secret value that is not already the marker. */
    public static boolean holdsSecrets(JsonNode tree) {
        return !redacted(tree).equals(tree);
    }

    private static void redactInPlace(JsonNode n) {
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            List<String> blank = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (isSecretKey(f.getKey()) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                    blank.add(f.getKey());
                } else {
                    redactInPlace(f.getValue());
                }
            }
            blank.forEach(k -> o.put(k, MARKER));
        } else if (n instanceof ArrayNode a) {
            a.forEach(ConfigSecrets::redactInPlace);
        }
    }

    /** The real secret values in {@code tree} (for scrubbing them out of a server's error text). */
    public static List<String> values(JsonNode tree) {
        List<String> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n instanceof ObjectNode o) {
            o.fields().forEachRemaining(f -> {
                if (isSecretKey(f.getKey()) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                    if (!MARKER.equals(f.getValue().asText()) && !f.getValue().asText().isEmpty()) {
                        out.add(f.getValue().asText());
                    }
                } else {
                    collect(f.getValue(), out);
                }
            });
        } else if (n instanceof ArrayNode a) {
            a.forEach(e -> collect(e, out));
        }
    }

    /** {@code text} with each of {@code secrets} replaced by the marker. */
    public static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MARKER);
        }
        return out;
    }

    /** A redacted value that the running configuration has no counterpart for. */
    public static final class Unrecoverable extends RuntimeException {
        private final List<String> paths;

        Unrecoverable(List<String> paths) {
            super("no counterpart for " + paths);
            this.paths = List.copyOf(paths);
        }

        /** Where, e.g. {@code hooks-libraries[1].parameters.high-availability[0].peers[name=server2].basic-auth-password}. */
        public List<String> paths() {
            return paths;
        }
    }

    /**
     * A copy of {@code redacted} where each {@link #MARKER} under a secret key is replaced by the
     * value at the same place in {@code running}. The same place: the same keys, and in arrays the
     * element with the same {@code name} (HA peers, databases) or {@code user} (Control Agent
     * clients) when that is unique on both sides, otherwise the element at the same position.
     *
     * @throws Unrecoverable naming every marker without a real counterpart; nothing is returned
     */
    public static JsonNode restored(JsonNode redacted, JsonNode running) {
        JsonNode copy = redacted.deepCopy();
        List<String> missing = new ArrayList<>();
        fill("", copy, running, missing);
        if (!missing.isEmpty()) {
            throw new Unrecoverable(missing);
        }
        return copy;
    }

    private static void fill(String path, JsonNode n, JsonNode running, List<String> missing) {
        if (n instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = o.get(k);
                JsonNode theirs = running != null && running.isObject() ? running.get(k) : null;
                String at = path.isEmpty() ? k : path + "." + k;
                if (isSecretKey(k) && v.isTextual() && MARKER.equals(v.asText())) {
                    if (theirs == null || !theirs.isValueNode() || theirs.isNull() || MARKER.equals(theirs.asText())) {
                        missing.add(at);
                    } else {
                        o.set(k, theirs.isTextual() ? TextNode.valueOf(theirs.asText()) : theirs.deepCopy());
                    }
                } else {
                    fill(at, v, theirs, missing);
                }
            }
        } else if (n instanceof ArrayNode a) {
            ArrayNode theirs = running instanceof ArrayNode r ? r : null;
            String identity = theirs == null ? null : identity(a, theirs);
            for (int i = 0; i < a.size(); i++) {
                JsonNode e = a.get(i);
                if (identity != null) {
                    String id = e.get(identity).asText();
                    fill(path + "[" + identity + "=" + id + "]", e, find(theirs, identity, id), missing);
                } else {
                    fill(path + "[" + i + "]", e, theirs == null ? null : theirs.get(i), missing);
                }
            }
        }
    }

    private static String identity(ArrayNode a, ArrayNode b) {
        for (String key : IDENTITIES) {
            if (unique(a, key) && unique(b, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean unique(ArrayNode arr, String key) {
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : arr) {
            if (!e.isObject() || !e.hasNonNull(key) || !e.get(key).isValueNode() || !seen.add(e.get(key).asText())) {
                return false;
            }
        }
        return !arr.isEmpty();
    }

    private static JsonNode find(ArrayNode arr, String key, String id) {
        for (JsonNode e : arr) {
            if (id.equals(e.get(key).asText())) {
                return e;
            }
        }
        return null;
    }
}
