package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The commands that change Kea's configuration, in the style of {@link KeaCommands}. A write is
 * always {@code config-set} followed by {@code config-write}: a config-set alone lives only until
 * Kea restarts.
 */
public final class ConfigCommands {
    private ConfigCommands() {
    }

    /** {@code config-test}: Kea parses the configuration without applying it; result 1 carries its reason. */
    public record ConfigTest(JsonNode dhcp4) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "config-test";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object();
            a.set("Dhcp4", dhcp4.deepCopy());
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** {@code config-set}: replaces the running configuration; answers the new hash on Kea 2.4+ (null on 2.2). */
    public record ConfigSet(JsonNode dhcp4) implements KeaCommand<String> {
        @Override
        public String name() {
            return "config-set";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object();
            a.set("Dhcp4", dhcp4.deepCopy());
            return a;
        }

        @Override
        public String decode(KeaResponse r, KeaJson json) {
            return r.arguments().hasNonNull("hash") ? r.arguments().get("hash").asText() : null;
        }
    }

    /** What config-write reported: the file written and its size (-1 when Kea did not say). */
    public record Written(String filename, long size) {
    }

    /**
     * {@code config-write} without a filename: Kea writes the file it was started with. Kea 2.6.3+
     * refuses any other directory (CVE-2025-32801), so Gatehouse never names one.
     */
    public record ConfigWrite() implements KeaCommand<Written> {
        @Override
        public String name() {
            return "config-write";
        }

        @Override
        public Written decode(KeaResponse r, KeaJson json) {
            return new Written(r.arguments().path("filename").asText(""), r.arguments().path("size").asLong(-1));
        }
    }

    /** {@code config-write} to a named file; kept for completeness and for testing the refusal. */
    public record ConfigWriteTo(String filename) implements KeaCommand<Written> {
        @Override
        public String name() {
            return "config-write";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("filename", filename);
        }

        @Override
        public Written decode(KeaResponse r, KeaJson json) {
            return new Written(r.arguments().path("filename").asText(filename), r.arguments().path("size").asLong(-1));
        }
    }

    /** {@code config-hash-get} (Kea 2.4+; 2.2 answers "not supported"): the running configuration's SHA-256. */
    public record ConfigHashGet() implements KeaCommand<String> {
        @Override
        public String name() {
            return "config-hash-get";
        }

        @Override
        public String decode(KeaResponse r, KeaJson json) {
            String h = r.arguments().path("hash").asText("");
            if (h.isEmpty()) {
                throw new KeaProtocolError("config-hash-get answered without a hash");
            }
            return h;
        }
    }
}
