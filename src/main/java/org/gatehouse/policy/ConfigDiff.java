package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A JSON-aware comparison of two Kea configurations: both are printed canonically (keys sorted,
 * one value per line) so that key order never shows as a change, then compared line by line for a
 * side-by-side view; and walked as trees for a list of changed paths, where array elements are
 * matched by their identity (subnet id, reservation hw-address, class name, pool range) rather
 * than by position, so that inserting one reservation is one change, not a hundred.
 */
public final class ConfigDiff {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> IDENTITY_KEYS = List.of("id", "hw-address", "client-id", "name", "pool", "subnet",
            "ip-address", "code");
    /** Beyond this many line pairs the middle of a diff is shown as one changed block. */
    private static final long MAX_LCS_CELLS = 6_000_000L;

    private ConfigDiff() {
    }

    public enum Kind { SAME, CHANGED, ADDED, REMOVED }

    /** One line of the side-by-side view; a line number is 0 where that side has no line. */
    public record Row(int leftNo, String left, int rightNo, String right, Kind kind) {
    }

    /** One changed value: where, and what it was and became (compact JSON; null when absent). */
    public record PathChange(String path, Kind kind, String before, String after) {
    }

    public record Result(List<Row> rows, List<PathChange> changes) {
        public boolean identical() {
            return changes.isEmpty();
        }
    }

    public static Result compare(JsonNode left, JsonNode right) {
        List<String> l = pretty(left).lines().toList();
        List<String> r = pretty(right).lines().toList();
        List<PathChange> changes = new ArrayList<>();
        walk("", left, right, changes);
        return new Result(sideBySide(l, r), changes);
    }

    /** Keys sorted at every level, so that two equal configurations print identically. */
    public static JsonNode canonical(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            new TreeSet<>(iterable(n.fieldNames())).forEach(k -> out.set(k, canonical(n.get(k))));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return n;
    }

    public static String pretty(JsonNode n) {
        try {
            return PRETTY.writeValueAsString(canonical(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    static List<Row> sideBySide(List<String> l, List<String> r) {
        int start = 0;
        while (start < l.size() && start < r.size() && l.get(start).equals(r.get(start))) {
            start++;
        }
        int endL = l.size();
        int endR = r.size();
        while (endL > start && endR > start && l.get(endL - 1).equals(r.get(endR - 1))) {
            endL--;
            endR--;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            rows.add(new Row(i + 1, l.get(i), i + 1, r.get(i), Kind.SAME));
        }
        middle(l, start, endL, r, start, endR, rows);
        for (int i = endL, j = endR; i < l.size(); i++, j++) {
            rows.add(new Row(i + 1, l.get(i), j + 1, r.get(j), Kind.SAME));
        }
        return rows;
    }

    /** LCS over the differing middle; removed-then-added runs are paired into changed rows. */
    private static void middle(List<String> l, int l0, int l1, List<String> r, int r0, int r1, List<Row> rows) {
        int n = l1 - l0;
        int m = r1 - r0;
        List<int[]> ops = new ArrayList<>(); // {kind 0 same,1 removed,2 added, leftIdx, rightIdx}
        if ((long) n * m > MAX_LCS_CELLS) {
            for (int i = l0; i < l1; i++) {
                ops.add(new int[] {1, i, -1});
            }
            for (int j = r0; j < r1; j++) {
                ops.add(new int[] {2, -1, j});
            }
        } else {
            int[][] len = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    len[i][j] = l.get(l0 + i).equals(r.get(r0 + j)) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && l.get(l0 + i).equals(r.get(r0 + j))) {
                    ops.add(new int[] {0, l0 + i++, r0 + j++});
                } else if (j < m && (i == n || len[i][j + 1] >= len[i + 1][j])) {
                    ops.add(new int[] {2, -1, r0 + j++});
                } else {
                    ops.add(new int[] {1, l0 + i++, -1});
                }
            }
        }
        int k = 0;
        while (k < ops.size()) {
            int[] op = ops.get(k);
            if (op[0] == 0) {
                rows.add(new Row(op[1] + 1, l.get(op[1]), op[2] + 1, r.get(op[2]), Kind.SAME));
                k++;
                continue;
            }
            List<Integer> removed = new ArrayList<>();
            List<Integer> added = new ArrayList<>();
            while (k < ops.size() && ops.get(k)[0] != 0) {
                if (ops.get(k)[0] == 1) {
                    removed.add(ops.get(k)[1]);
                } else {
                    added.add(ops.get(k)[2]);
                }
                k++;
            }
            int pairs = Math.max(removed.size(), added.size());
            for (int p = 0; p < pairs; p++) {
                Integer li = p < removed.size() ? removed.get(p) : null;
                Integer ri = p < added.size() ? added.get(p) : null;
                Kind kind = li != null && ri != null ? Kind.CHANGED : li != null ? Kind.REMOVED : Kind.ADDED;
                rows.add(new Row(li == null ? 0 : li + 1, li == null ? "" : l.get(li), ri == null ? 0 : ri + 1,
                        ri == null ? "" : r.get(ri), kind));
            }
        }
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<PathChange> out) {
        if (a == null && b == null) {
            return;
        }
        if (a == null) {
            out.add(new PathChange(path, Kind.ADDED, null, compact(b)));
            return;
        }
        if (b == null) {
            out.add(new PathChange(path, Kind.REMOVED, compact(a), null));
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>(iterable(a.fieldNames()));
            keys.addAll(iterable(b.fieldNames()));
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            String key = identityKey(a, b);
            if (key == null) {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    walk(path + "[" + i + "]", a.get(i), b.get(i), out);
                }
            } else {
                Map<String, JsonNode> left = byKey(a, key);
                Map<String, JsonNode> right = byKey(b, key);
                for (Map.Entry<String, JsonNode> e : left.entrySet()) {
                    walk(path + "[" + key + "=" + e.getKey() + "]", e.getValue(), right.get(e.getKey()), out);
                }
                for (Map.Entry<String, JsonNode> e : right.entrySet()) {
                    if (!left.containsKey(e.getKey())) {
                        walk(path + "[" + key + "=" + e.getKey() + "]", null, e.getValue(), out);
                    }
                }
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(new PathChange(path, Kind.CHANGED, compact(a), compact(b)));
        }
    }

    /** The first identity key every element of both arrays has, unique within each array. */
    private static String identityKey(JsonNode a, JsonNode b) {
        for (String k : IDENTITY_KEYS) {
            if (hasUnique(a, k) && hasUnique(b, k) && (a.size() + b.size()) > 0) {
                return k;
            }
        }
        return null;
    }

    private static boolean hasUnique(JsonNode arr, String key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : arr) {
            if (!e.isObject() || !e.hasNonNull(key) || !e.get(key).isValueNode() || !seen.add(e.get(key).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode arr, String key) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        arr.forEach(e -> m.put(e.get(key).asText(), e));
        return m;
    }

    private static String compact(JsonNode n) {
        String s = canonical(n).toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
