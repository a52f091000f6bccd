package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.Mac;

/**
 * The Kea commands that change reservations: the configuration round trip of Kea 2.2
 * ({@code config-set}, {@code config-write}, {@code config-hash-get}) and the host_cmds hook's
 * {@code reservation-*} commands (open source from Kea 3.0). Each is a value that reads its answer.
 */
public final class ReservationCommands {
    /** host_cmds: change the running configuration (then config-write persists it). */
    public static final String MEMORY = "memory";
    /** host_cmds: change the hosts database (MySQL/PostgreSQL), which persists by itself. */
    public static final String DATABASE = "database";

    private ReservationCommands() {
    }

    /** host_cmds {@code reservation-add}: one host map with "subnet-id" and "hw-address". */
    public record ReservationAdd(JsonNode reservation, String operationTarget) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "reservation-add";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object();
            a.set("reservation", reservation);
            a.put("operation-target", operationTarget);
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            if (r.isEmpty()) {
                throw KeaCommand.notFound(name(), r);
            }
            return null;
        }
    }

    /** host_cmds {@code reservation-update}: replaces the host with the same identifier and subnet. */
    public record ReservationUpdate(JsonNode reservation, String operationTarget) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "reservation-update";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object();
            a.set("reservation", reservation);
            a.put("operation-target", operationTarget);
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            if (r.isEmpty()) {
                throw KeaCommand.notFound(name(), r);
            }
            return null;
        }
    }

    /** host_cmds {@code reservation-del} by hw-address in a subnet; false when Kea had none (result 3). */
    public record ReservationDel(long subnetId, Mac mac, String operationTarget) implements KeaCommand<Boolean> {
        @Override
        public String name() {
            return "reservation-del";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("subnet-id", subnetId).put("identifier-type", "hw-address")
                    .put("identifier", mac.toString()).put("operation-target", operationTarget);
        }

        @Override
        public Boolean decode(KeaResponse r, KeaJson json) {
            return !r.isEmpty();
        }
    }

    /** host_cmds {@code reservation-get} by hw-address in a subnet; empty when not found (result 3). */
    public record ReservationGet(long subnetId, Mac mac, String operationTarget) implements KeaCommand<Optional<JsonNode>> {
        @Override
        public String name() {
            return "reservation-get";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("subnet-id", subnetId).put("identifier-type", "hw-address")
                    .put("identifier", mac.toString()).put("operation-target", operationTarget);
        }

        @Override
        public Optional<JsonNode> decode(KeaResponse r, KeaJson json) {
            return r.isEmpty() ? Optional.empty() : Optional.of(r.arguments());
        }
    }

    /** host_cmds {@code reservation-get-all} of one subnet: the host maps. */
    public record ReservationGetAll(long subnetId, String operationTarget) implements KeaCommand<List<JsonNode>> {
        @Override
        public String name() {
            return "reservation-get-all";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("subnet-id", subnetId).put("operation-target", operationTarget);
        }

        @Override
        public List<JsonNode> decode(KeaResponse r, KeaJson json) {
            List<JsonNode> out = new ArrayList<>();
            r.arguments().path("hosts").forEach(out::add);
            return out;
        }
    }
}
