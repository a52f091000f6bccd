package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.model.ReservationEdit;

/** Test helper: what another writer does to a Dhcp4 tree (the same edit, done by hand). */
final class ConfigEditsAccess {
    private ConfigEditsAccess() {
    }

    static void apply(JsonNode dhcp4, ReservationEdit edit) {
        ObjectNode subnet = (ObjectNode) dhcp4.path("subnet4").get(0);
        ArrayNode res = subnet.withArray("reservations");
        for (int i = 0; i < res.size(); i++) {
            if (res.get(i).path("hw-address").asText().equals(edit.mac().toString())) {
                res.remove(i);
                break;
            }
        }
        if (edit instanceof ReservationEdit.Put p) {
            res.add(ConfigEdits.toJson(p.reservation(), null));
        }
    }
}
