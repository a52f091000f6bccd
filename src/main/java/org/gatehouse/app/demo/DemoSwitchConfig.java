package org.gatehouse.app.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated switch's configuration, shared by all its SSH sessions: MAC ACLs with their rules,
 * which interfaces filter with which ACL, blackhole entries, and whether it was saved.
 */
final class DemoSwitchConfig {
    private final Map<Integer, TreeMap<Integer, String>> acls = new TreeMap<>();
    private final Map<String, Set<Integer>> packetFilters = new TreeMap<>();
    private final Set<String> blackholes = new LinkedHashSet<>();
    private boolean unsaved;

    synchronized void createAcl(int acl) {
        acls.computeIfAbsent(acl, k -> new TreeMap<>());
    }

    /** Adds a rule; null when done, else the switch's error line. */
    synchronized String addRule(int acl, int id, String body) {
        TreeMap<Integer, String> rules = acls.computeIfAbsent(acl, k -> new TreeMap<>());
        if (rules.entrySet().stream().anyMatch(e -> e.getValue().equals(body) && e.getKey() != id)) {
            return "% The rule already exists.";
        }
        rules.put(id, body);
        unsaved = true;
        return null;
    }

    synchronized String removeRule(int acl, int id) {
        TreeMap<Integer, String> rules = acls.get(acl);
        if (rules == null || rules.remove(id) == null) {
            return "% The rule does not exist.";
        }
        unsaved = true;
        return null;
    }

    /** The lines of {@code display acl [mac] N}, or null when the ACL does not exist. */
    synchronized List<String> display(int acl) {
        TreeMap<Integer, String> rules = acls.get(acl);
        if (rules == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        out.add("MAC ACL " + acl + ", " + rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + ",");
        out.add("ACL's step is 5");
        rules.forEach((id, body) -> out.add(" rule " + id + " " + body));
        return out;
    }

    synchronized void filter(String iface, int acl) {
        packetFilters.computeIfAbsent(iface, k -> new LinkedHashSet<>()).add(acl);
        unsaved = true;
    }

    synchronized Map<String, Set<Integer>> packetFilters() {
        return Map.copyOf(packetFilters);
    }

    synchronized void blackhole(String macAndVlan, boolean add) {
        if (add ? blackholes.add(macAndVlan) : blackholes.remove(macAndVlan)) {
            unsaved = true;
        }
    }

    synchronized List<String> blackholes() {
        return List.copyOf(blackholes);
    }

    synchronized void save() {
        unsaved = false;
    }

    synchronized boolean unsaved() {
        return unsaved;
    }
}
