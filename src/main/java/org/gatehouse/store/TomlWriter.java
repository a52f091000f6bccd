package org.gatehouse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree as TOML the way a person would: a table header per object ({@code [profiles.home]},
 * {@code [profiles.home.kea]}), its plain values under it, lists and objects inside lists inline.
 * (Jackson's own TOML writer puts everything on dotted keys, which is valid but hard to edit.)
 */
final class TomlWriter {
    private TomlWriter() {
    }

    static String write(ObjectNode root) {
        StringBuilder out = new StringBuilder();
        table(out, List.of(), root);
        return out.toString();
    }

    /** One table and its sub-tables under {@code path}, headers and all ({@code [profiles.home]} …). */
    static String table(List<String> path, ObjectNode node) {
        StringBuilder out = new StringBuilder();
        table(out, path, node);
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> path, ObjectNode node) {
        List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
        boolean header = !path.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                tables.add(e);
                continue;
            }
            if (header) {
                out.append(out.length() == 0 ? "" : "\n").append('[').append(dotted(path)).append("]\n");
                header = false;
            }
            out.append(key(e.getKey())).append(" = ").append(value(e.getValue())).append('\n');
        }
        for (Map.Entry<String, JsonNode> e : tables) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            ObjectNode child = (ObjectNode) e.getValue();
            if (child.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append('[').append(dotted(sub)).append("]\n");
            } else {
                table(out, sub, child);
            }
        }
    }

    private static String dotted(List<String> path) {
        return String.join(".", path.stream().map(TomlWriter::key).toList());
    }

    static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : quote(k);
    }

    static String value(JsonNode v) {
        if (v.isTextual()) {
            return quote(v.asText());
        }
        if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(value(i)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(key(e.getKey()) + " = " + value(e.getValue())));
            return "{ " + String.join(", ", items) + " }";
        }
        return quote(v.asText());
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
