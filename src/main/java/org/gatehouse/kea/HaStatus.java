package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One HA relationship as {@code status-get} reports it (Kea 2.2+, {@code high-availability} list):
 * the mode, this server's role and state, and what it last heard from its partner.
 *
 * @param remote the partner; null in passive-backup mode, where Kea reports none
 */
public record HaStatus(String mode, String localRole, String localState, Remote remote) {

    /**
     * The partner as this server sees it. Kea 2.2 keeps {@code in-touch} true once the partner has
     * answered at all; {@code communication-interrupted} is what turns true when it stops answering.
     */
    public record Remote(String role, String lastState, boolean inTouch, boolean communicationInterrupted, long ageSeconds) {

        /** Heard from and not interrupted: what a user means by "in touch". */
        public boolean reachable() {
            return inTouch && !communicationInterrupted;
        }
    }

    /** The relationships in {@code status-get}'s arguments; empty when the HA hook is not loaded. */
    public static List<HaStatus> parse(JsonNode statusArguments) {
        List<HaStatus> out = new ArrayList<>();
        for (JsonNode rel : statusArguments.path("high-availability")) {
            JsonNode servers = rel.path("ha-servers");
            JsonNode local = servers.path("local");
            JsonNode remote = servers.path("remote");
            Remote partner = remote.isObject()
                    ? new Remote(remote.path("role").asText(""), remote.path("last-state").asText(""),
                            remote.path("in-touch").asBoolean(false), remote.path("communication-interrupted").asBoolean(false),
                            remote.path("age").asLong(0))
                    : null;
            out.add(new HaStatus(rel.path("ha-mode").asText(""), local.path("role").asText(""), local.path("state").asText(""), partner));
        }
        return out;
    }
}
