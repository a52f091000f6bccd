package org.gatehouse.sw;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatehouse.model.BadInput;

/**
 * A Comware interface that can carry a MAC packet filter: a Layer 2 Ethernet port, an aggregate or
 * a VLAN interface, in long ({@code GigabitEthernet1/0/3}) or short ({@code GE1/0/3}) form. Always
 * held in the long form, which is also what SNMP's ifName says. Nothing else parses, so a value of
 * this type is safe to put on a switch command line.
 */
public record InterfaceName(String type, String number) implements Comparable<InterfaceName> {

    /** Short forms the Comware CLI prints, mapped to the long names it and ifName use. */
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        String[][] pairs = {
                {"Ten-GigabitEthernet", "XGE"}, {"M-GigabitEthernet", "M-GE"}, {"GigabitEthernet", "GE"},
                {"Twenty-FiveGigE", "WGE"}, {"FortyGigE", "FGE"}, {"HundredGigE", "HGE"},
                {"Bridge-Aggregation", "BAGG"}, {"Route-Aggregation", "RAGG"},
                {"Vlan-interface", "Vlan-int"}, {"Ethernet", "Eth"}};
        for (String[] p : pairs) {
            TYPES.put(p[0].toLowerCase(Locale.ROOT), p[0]);
            TYPES.put(p[1].toLowerCase(Locale.ROOT), p[0]);
        }
        TYPES.put("vlan", "Vlan-interface");
    }

    private static final Pattern GRAMMAR = Pattern.compile(
            "([A-Za-z]+(?:-[A-Za-z]+)?) ?(\\d{1,4}(?:/\\d{1,4}){0,4})");

    public InterfaceName {
        String canonical = type == null ? null : TYPES.get(type.toLowerCase(Locale.ROOT));
        if (canonical == null || !canonical.equals(type) || number == null || !number.matches("\\d{1,4}(/\\d{1,4}){0,4}")) {
            throw new BadInput("interface", "'" + Sanitize.printable(type) + Sanitize.printable(number) + "' is not a Comware interface");
        }
        boolean slotted = number.contains("/");
        boolean logical = canonical.equals("Bridge-Aggregation") || canonical.equals("Route-Aggregation") || canonical.equals("Vlan-interface");
        if (logical == slotted) {
            throw new BadInput("interface", "'" + canonical + number + "' is not a Comware interface number");
        }
    }

    public static InterfaceName parse(String text) {
        if (text == null) {
            throw new BadInput("interface", "missing");
        }
        Sanitize.requireClean("interface", text);
        Matcher m = GRAMMAR.matcher(text.trim());
        String canonical = m.matches() ? TYPES.get(m.group(1).toLowerCase(Locale.ROOT)) : null;
        if (canonical == null) {
            throw new BadInput("interface", "'" + Sanitize.printable(text)
                    + "' is not a Comware Ethernet, aggregate or VLAN interface (e.g. GigabitEthernet1/0/3, GE1/0/3, BAGG1, Vlan-interface40)");
        }
        return new InterfaceName(canonical, m.group(2));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BadInput e) {
            return false;
        }
    }

    /** The long form, e.g. {@code GigabitEthernet1/0/3}. */
    @Override
    public String toString() {
        return type + number;
    }

    @Override
    public int compareTo(InterfaceName o) {
        return toString().compareTo(o.toString());
    }
}
