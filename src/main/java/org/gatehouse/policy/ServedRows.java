package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Ipv4;

/**
 * The rows of an import file one server serves: a row naming a subnet the server's configuration
 * does not have, or a fixed address in none of its subnets, was never that server's (independent
 * servers: another building's). A row naming neither, or one that does not parse, is every
 * server's: that server's own import then decides (and refuses a bad row, as with one server).
 */
record ServedRows(List<ReservationFiles.Row> served, List<ReservationFiles.Row> notServed) {

    static ServedRows of(List<ReservationFiles.Row> rows, KeaConfig config) {
        List<ReservationFiles.Row> served = new ArrayList<>();
        List<ReservationFiles.Row> not = new ArrayList<>();
        for (ReservationFiles.Row r : rows) {
            (serves(config, r) ? served : not).add(r);
        }
        return new ServedRows(served, not);
    }

    static boolean serves(KeaConfig config, ReservationFiles.Row r) {
        try {
            if (!r.subnet().isBlank()) {
                long id = Long.parseLong(r.subnet().trim());
                return config.subnets().stream().anyMatch(s -> s.id() == id);
            }
            if (!r.ip().isBlank()) {
                return SubnetRule.holding(config, Ipv4.parse(r.ip())).isPresent();
            }
        } catch (NumberFormatException | GatehouseException e) {
            return true; // not ours to judge: the server's import refuses it with the row's label
        }
        return true;
    }

    /** "subnet 41", "subnets 41, 42", "address 192.168.41.7": what the rows left out name. */
    static String describe(List<ReservationFiles.Row> rows) {
        Set<String> subnets = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (ReservationFiles.Row r : rows) {
            if (!r.subnet().isBlank()) {
                subnets.add(r.subnet().trim());
            } else {
                addresses.add(r.ip().trim());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!subnets.isEmpty()) {
            parts.add((subnets.size() == 1 ? "subnet " : "subnets ") + String.join(", ", subnets));
        }
        if (!addresses.isEmpty()) {
            parts.add((addresses.size() == 1 ? "address " : "addresses ") + String.join(", ", addresses));
        }
        return String.join(" or ", parts);
    }

    /** For a server that serves some rows only: "1 row skipped (does not serve subnet 41)", or "". */
    String skippedNote() {
        return notServed.isEmpty() ? "" : notServed.size() + (notServed.size() == 1 ? " row" : " rows") + " skipped (does not serve "
                + describe(notServed) + ")";
    }
}
