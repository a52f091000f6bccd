package org.gatehouse.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;

/** Jackson set up for Kea's JSON, and the readers of the objects Kea sends back. */
public final class KeaJson {
    private final ObjectMapper mapper;

    public KeaJson() {
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public JsonNode read(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    /** Reads one lease object of lease4-get*, tolerating fields newer Kea versions add. */
    public Lease lease(JsonNode n) {
        String ip = n.path("ip-address").asText();
        String hw = n.path("hw-address").asText("");
        Mac mac = Mac.isValid(hw) ? Mac.parse(hw) : null;
        return new Lease(Ipv4.parse(ip), mac, n.path("hostname").asText(""), n.path("subnet-id").asLong(),
                LeaseState.ofCode(n.path("state").asInt(0)), n.path("cltt").asLong(), n.path("valid-lft").asLong());
    }
}
