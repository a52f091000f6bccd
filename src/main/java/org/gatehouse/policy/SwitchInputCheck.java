package org.gatehouse.policy;

import java.util.List;
import org.gatehouse.model.Mac;
import org.gatehouse.sw.SwitchInput;

/**
 * Checks typed-in switch values the way the switch services will (so a command can refuse bad
 * input, exit 2, before it opens anything): nothing typed reaches the switch CLI unvalidated.
 */
public final class SwitchInputCheck {
    private SwitchInputCheck() {
    }

    public static Mac mac(String text) {
        return SwitchInput.mac(text);
    }

    /** A VLAN id, or null when none was given. */
    public static Integer vlan(String text) {
        return text == null ? null : SwitchInput.vlan(text).value();
    }

    /** The canonical (long) interface name. */
    public static String iface(String text) {
        return SwitchInput.iface(text).toString();
    }

    public static List<String> interfaces(List<String> texts) {
        return texts.stream().map(SwitchInputCheck::iface).toList();
    }
}
