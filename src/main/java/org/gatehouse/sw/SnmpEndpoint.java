package org.gatehouse.sw;

import org.gatehouse.model.BadInput;

/** {@code udp:host[:port]}: the switch's SNMP agent. */
public record SnmpEndpoint(String host, int port) {

    public static SnmpEndpoint parse(String text) {
        String t = text == null ? "" : text.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("udp:(\\[[0-9A-Fa-f:]+\\]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?").matcher(t);
        if (!m.matches()) {
            throw new BadInput("--snmp", "'" + Sanitize.printable(text) + "' is not udp:host[:port]");
        }
        int port = m.group(2) == null ? 161 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new BadInput("--snmp", "port " + port + " is outside 1–65535");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new SnmpEndpoint(host, port);
    }

    @Override
    public String toString() {
        return "udp:" + (host.contains(":") ? "[" + host + "]" : host) + (port == 161 ? "" : ":" + port);
    }
}
