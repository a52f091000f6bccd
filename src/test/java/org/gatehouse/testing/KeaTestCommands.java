package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatehouse.kea.KeaCommand;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaResponse;
import org.gatehouse.model.Lease;

/** Kea commands only the tests send: changing leases behind Gatehouse's back, as DHCP traffic would. */
public final class KeaTestCommands {
    private KeaTestCommands() {
    }

    /** {@code lease4-update}: rewrites an existing lease (hostname, lifetime, state). */
    public record Lease4Update(Lease lease) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "lease4-update";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("ip-address", lease.ip().toString()).put("hw-address", lease.mac().toString())
                    .put("subnet-id", lease.subnetId()).put("valid-lft", lease.validLifetime())
                    .put("expire", lease.cltt() + lease.validLifetime()).put("hostname", lease.hostname())
                    .put("state", lease.state().code());
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** {@code leases-reclaim}: Kea reclaims expired leases now (keeping them, state expired-reclaimed). */
    public record LeasesReclaim() implements KeaCommand<Void> {
        @Override
        public String name() {
            return "leases-reclaim";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("remove", false);
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }
}
