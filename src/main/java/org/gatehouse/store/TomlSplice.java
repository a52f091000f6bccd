package org.gatehouse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites only what changed in a profiles file, copying every other line as it was: each
 * {@code [profiles.NAME…]} table whose profile is unchanged, other tables, and every comment and
 * blank line outside a changed profile. A changed profile is written anew where it first stood
 * (the comment lines directly above it stay); a removed one is dropped, a new one appended; changed
 * top-level values ({@code default}) are rewritten in place. Anything this cannot do for sure
 * (arrays of tables, CR line ends, a table it cannot read, a change to a table that is not a
 * profile) gives null, and the caller rewrites the whole file as before. The caller must check
 * that the result reads back as the intended document.
 */
final class TomlSplice {

    /** The new text, and whether comments of the file's own were dropped (then the caller keeps a .bak). */
    record Result(String text, boolean lostComments) {
    }

    private record Segment(List<String> path, List<String> lines, int leadLines) {
    }

    private TomlSplice() {
    }

    /** @param ownComment whether a comment line is the user's (not the header Gatehouse writes) */
    static Result splice(String text, ObjectNode before, ObjectNode after, Predicate<String> ownComment) {
        if (text.indexOf('\r') >= 0) {
            return null;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<Integer> headers = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("[[")) {
                return null;
            }
            if (l.startsWith("[")) {
                List<String> path = headerPath(l);
                if (path == null) {
                    return null;
                }
                headers.add(i);
                paths.add(path);
            }
        }
        // the comment lines directly above a header belong to it; blank lines stay where they are
        List<Integer> starts = new ArrayList<>();
        for (int h = 0; h < headers.size(); h++) {
            int floor = h == 0 ? 0 : headers.get(h - 1) + 1;
            int s = headers.get(h);
            while (s > floor && lines.get(s - 1).strip().startsWith("#")) {
                s--;
            }
            starts.add(s);
        }
        List<String> root = lines.subList(0, headers.isEmpty() ? lines.size() : starts.get(0));
        List<Segment> segments = new ArrayList<>();
        for (int h = 0; h < headers.size(); h++) {
            int end = h + 1 < headers.size() ? starts.get(h + 1) : lines.size();
            segments.add(new Segment(paths.get(h), lines.subList(starts.get(h), end), headers.get(h) - starts.get(h)));
        }

        Set<String> changed = new LinkedHashSet<>();
        ObjectNode pb = profilesOf(before);
        ObjectNode pa = profilesOf(after);
        Set<String> names = new LinkedHashSet<>();
        pb.fieldNames().forEachRemaining(names::add);
        pa.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (!pb.path(n).equals(pa.path(n))) {
                changed.add(n);
            }
        }
        if (!scalars(pb).equals(scalars(pa))) {
            return null;
        }
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("profiles") && before.get(k).isObject() && !before.get(k).equals(after.get(k))) {
                return null;
            }
        }
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("profiles") && after.get(k).isObject() && !before.has(k)) {
                return null;
            }
        }

        StringBuilder out = new StringBuilder();
        boolean lost = false;
        Map<String, JsonNode> rootBefore = scalars(before);
        Map<String, JsonNode> rootAfter = scalars(after);
        if (rootBefore.equals(rootAfter)) {
            root.forEach(l -> out.append(l).append('\n'));
        } else {
            boolean written = false;
            for (String l : root) {
                String s = l.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    out.append(l).append('\n');
                } else if (!written) {
                    rootAfter.forEach((k, v) -> out.append(TomlWriter.key(k)).append(" = ").append(TomlWriter.value(v)).append('\n'));
                    written = true;
                }
            }
            if (!written) {
                StringBuilder values = new StringBuilder();
                rootAfter.forEach((k, v) -> values.append(TomlWriter.key(k)).append(" = ").append(TomlWriter.value(v)).append('\n'));
                out.append(values).append(rootAfter.isEmpty() || segments.isEmpty() ? "" : "\n");
            }
        }
        Set<String> written = new LinkedHashSet<>();
        for (Segment seg : segments) {
            String name = seg.path().size() >= 2 && seg.path().get(0).equals("profiles") ? seg.path().get(1) : null;
            if (name == null || !changed.contains(name)) {
                seg.lines().forEach(l -> out.append(l).append('\n'));
                continue;
            }
            boolean first = pa.has(name) && !written.contains(name);
            int keep = first ? seg.leadLines() : 0; // a changed profile keeps the comment lines above where it starts
            int tail = tailStart(seg.lines()); // and what stands apart after it, past a blank line
            for (String l : seg.lines().subList(keep, tail)) {
                lost |= l.contains("#") && ownComment.test(l.strip()); // a '#' in a value only costs an extra .bak
            }
            if (first) {
                seg.lines().subList(0, keep).forEach(l -> out.append(l).append('\n'));
                out.append(render(name, pa.get(name))).append(tail == seg.lines().size() ? "\n" : "");
                written.add(name);
            }
            seg.lines().subList(tail, seg.lines().size()).forEach(l -> out.append(l).append('\n'));
        }
        for (String n : changed) {
            if (pa.has(n) && !written.contains(n)) {
                out.append(out.length() == 0 || out.toString().endsWith("\n\n") ? "" : "\n").append(render(n, pa.get(n)));
            }
        }
        return new Result(out.toString(), lost);
    }

    /** Where the lines after a table's last value begin that a blank line sets apart (the segment's size if none). */
    private static int tailStart(List<String> lines) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                last = i;
            }
        }
        for (int i = last + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                return i;
            }
        }
        return lines.size();
    }

    private static String render(String name, JsonNode profile) {
        String text = TomlWriter.table(List.of("profiles", name), (ObjectNode) profile);
        return text.isEmpty() ? "[profiles." + TomlWriter.key(name) + "]\n" : text;
    }

    private static ObjectNode profilesOf(ObjectNode doc) {
        return doc.get("profiles") instanceof ObjectNode o ? o : doc.objectNode();
    }

    private static Map<String, JsonNode> scalars(ObjectNode node) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                m.put(e.getKey(), e.getValue());
            }
        });
        return m;
    }

    /** The keys of a {@code [a."b c".d]} header (a comment may follow), or null when it cannot be read for sure. */
    static List<String> headerPath(String line) {
        List<String> keys = new ArrayList<>();
        int i = 1;
        StringBuilder key = new StringBuilder();
        boolean quoted = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0 || (c == '"' && line.substring(i + 1, close).contains("\\"))) {
                    return null; // escapes: leave such a file to the full rewrite
                }
                key.append(line, i + 1, close);
                quoted = true;
                i = close + 1;
            } else if (c == '.' || c == ']') {
                String k = quoted ? key.toString() : key.toString().strip();
                if (!quoted && !k.matches("[A-Za-z0-9_-]+")) {
                    return null;
                }
                keys.add(k);
                key.setLength(0);
                quoted = false;
                i++;
                if (c == ']') {
                    String rest = line.substring(i).strip();
                    return rest.isEmpty() || rest.startsWith("#") ? keys : null;
                }
            } else if (Character.isWhitespace(c) && (quoted || key.toString().isBlank())) {
                i++;
            } else {
                if (quoted) {
                    return null;
                }
                key.append(c);
                i++;
            }
        }
        return null;
    }
}
