package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;

/** The Kea commands Gatehouse sends, each a small value that knows how to read its answer. */
public final class KeaCommands {
    private KeaCommands() {
    }

    /** {@code version-get}: short version ("2.2.0") and the free-text build report. */
    public record VersionGet() implements KeaCommand<KeaVersion> {
        @Override
        public String name() {
            return "version-get";
        }

        @Override
        public KeaVersion decode(KeaResponse r, KeaJson json) {
            return new KeaVersion(r.text().trim(), r.arguments().path("extended").asText(""));
        }
    }

    /** {@code list-commands}: what this server (with its hooks) understands. */
    public record ListCommands() implements KeaCommand<Set<String>> {
        @Override
        public String name() {
            return "list-commands";
        }

        @Override
        public Set<String> decode(KeaResponse r, KeaJson json) {
            Set<String> names = new LinkedHashSet<>();
            r.arguments().forEach(n -> names.add(n.asText()));
            return names;
        }
    }

    /** {@code config-get}: the running configuration. */
    public record ConfigGet() implements KeaCommand<KeaConfig> {
        @Override
        public String name() {
            return "config-get";
        }

        @Override
        public KeaConfig decode(KeaResponse r, KeaJson json) {
            return KeaConfig.parse(r.arguments());
        }
    }

    /** {@code status-get}: pid, uptime, and on newer Kea the DHCP service state. */
    public record StatusGet() implements KeaCommand<JsonNode> {
        @Override
        public String name() {
            return "status-get";
        }

        @Override
        public JsonNode decode(KeaResponse r, KeaJson json) {
            return r.arguments();
        }
    }

    /** {@code status-get} read for its {@code high-availability} section (Kea 2.2+); empty without the HA hook. */
    public record HaStatusGet() implements KeaCommand<List<HaStatus>> {
        @Override
        public String name() {
            return "status-get";
        }

        @Override
        public List<HaStatus> decode(KeaResponse r, KeaJson json) {
            return HaStatus.parse(r.arguments());
        }
    }

    /** {@code ha-heartbeat} (HA hook): this server's own HA state and its unsent lease updates. */
    public record HaHeartbeat() implements KeaCommand<HaHeartbeat.Answer> {
        /** @param unsentUpdates lease updates queued for the partner (-1 when Kea does not say) */
        public record Answer(String state, List<String> scopes, String dateTime, long unsentUpdates) {
        }

        @Override
        public String name() {
            return "ha-heartbeat";
        }

        @Override
        public Answer decode(KeaResponse r, KeaJson json) {
            JsonNode a = r.arguments();
            List<String> scopes = new ArrayList<>();
            a.path("scopes").forEach(s -> scopes.add(s.asText()));
            return new Answer(a.path("state").asText(""), List.copyOf(scopes), a.path("date-time").asText(""),
                    a.path("unsent-update-count").asLong(-1));
        }
    }

    /** {@code lease4-get-all}: every lease in one answer (the fallback when paging is absent). */
    public record Lease4GetAll() implements KeaCommand<List<Lease>> {
        @Override
        public String name() {
            return "lease4-get-all";
        }

        @Override
        public List<Lease> decode(KeaResponse r, KeaJson json) {
            return leases(r, json);
        }
    }

    /**
     * {@code lease4-get-page}: up to {@code limit} leases after {@code from} (an address, or
     * null for the start). The page after the last one is result 3 with no leases.
     */
    public record Lease4GetPage(Ipv4 from, int limit) implements KeaCommand<List<Lease>> {
        @Override
        public String name() {
            return "lease4-get-page";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("from", from == null ? "start" : from.toString()).put("limit", limit);
        }

        @Override
        public List<Lease> decode(KeaResponse r, KeaJson json) {
            return leases(r, json);
        }
    }

    /** {@code lease4-get} by address; empty when Kea has no such lease. */
    public record Lease4Get(Ipv4 ip) implements KeaCommand<Optional<Lease>> {
        @Override
        public String name() {
            return "lease4-get";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("ip-address", ip.toString());
        }

        @Override
        public Optional<Lease> decode(KeaResponse r, KeaJson json) {
            return r.isEmpty() ? Optional.empty() : Optional.of(json.lease(r.arguments()));
        }
    }

    /** {@code lease4-get-by-hw-address}: every lease of one MAC, in any subnet. */
    public record Lease4GetByHwAddress(Mac mac) implements KeaCommand<List<Lease>> {
        @Override
        public String name() {
            return "lease4-get-by-hw-address";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("hw-address", mac.toString());
        }

        @Override
        public List<Lease> decode(KeaResponse r, KeaJson json) {
            return leases(r, json);
        }
    }

    /** {@code lease4-del} by address; false when there was no such lease (result 3). */
    public record Lease4Del(Ipv4 ip) implements KeaCommand<Boolean> {
        @Override
        public String name() {
            return "lease4-del";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("ip-address", ip.toString());
        }

        @Override
        public Boolean decode(KeaResponse r, KeaJson json) {
            return !r.isEmpty();
        }
    }

    /** {@code lease4-add}: used by the demo to fill a private Kea, and by tests. */
    public record Lease4Add(Lease lease) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "lease4-add";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object()
                    .put("ip-address", lease.ip().toString())
                    .put("hw-address", lease.mac().toString())
                    .put("subnet-id", lease.subnetId())
                    .put("valid-lft", lease.validLifetime())
                    .put("expire", lease.cltt() + lease.validLifetime())
                    .put("state", lease.state().code());
            if (!lease.hostname().isEmpty()) {
                a.put("hostname", lease.hostname());
            }
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** {@code statistic-get-all}: every statistic with its recent samples. */
    public record StatisticGetAll() implements KeaCommand<JsonNode> {
        @Override
        public String name() {
            return "statistic-get-all";
        }

        @Override
        public JsonNode decode(KeaResponse r, KeaJson json) {
            return r.arguments();
        }
    }

    private static List<Lease> leases(KeaResponse r, KeaJson json) {
        List<Lease> out = new ArrayList<>();
        if (r.isEmpty()) {
            return out;
        }
        for (Iterator<JsonNode> it = r.arguments().path("leases").elements(); it.hasNext(); ) {
            out.add(json.lease(it.next()));
        }
        return out;
    }
}
