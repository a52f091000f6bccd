package org.gatehouse.app.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.Mac;

/**
 * Where the demo's devices are plugged in on the simulated switch (an HP 5130 24G 4SFP+): the
 * guests sit behind access points on GigabitEthernet1/0/1-8, in VLAN 40 or 41. Interface indexes
 * and bridge ports differ, as on a real Comware 7 (bridge port n is ifIndex n + 3).
 */
public final class DemoNetwork {
    /** One learned MAC: its VLAN and the 1-based port number (GigabitEthernet1/0/port). */
    public record Learned(Mac mac, int vlan, int port) {
    }

    public static final int ACCESS_POINTS = 8;
    public static final int GIGABIT_PORTS = 24;
    public static final int TEN_GIGABIT_PORTS = 4;
    /** ifIndex 1-3 are the management port, NULL0 and InLoopBack0. */
    static final int FIRST_PORT_IFINDEX = 4;

    private final Map<Mac, Learned> learned = new LinkedHashMap<>();
    private final List<Integer> vlans;

    /** {@code devicesByVlan}: VLAN id → the MACs of the devices in it. */
    public DemoNetwork(Map<Integer, List<Mac>> devicesByVlan) {
        vlans = new ArrayList<>(devicesByVlan.keySet());
        Collections.sort(vlans);
        for (int vlan : vlans) {
            for (Mac mac : devicesByVlan.get(vlan)) {
                // the same device always behind the same access point
                int port = 1 + (int) Math.floorMod(mac.value() * 31 + vlan, ACCESS_POINTS);
                learned.putIfAbsent(mac, new Learned(mac, vlan, port));
            }
        }
    }

    public List<Integer> vlans() {
        return List.copyOf(vlans);
    }

    public List<Learned> learned() {
        return List.copyOf(learned.values());
    }

    public Learned find(Mac mac) {
        return learned.get(mac);
    }

    public static int portCount() {
        return GIGABIT_PORTS + TEN_GIGABIT_PORTS;
    }

    /** Long interface name of port n (1-based), as ifName and the CLI's long form print it. */
    public static String portName(int port) {
        return port <= GIGABIT_PORTS ? "GigabitEthernet1/0/" + port : "Ten-GigabitEthernet1/0/" + port;
    }

    /** Short form, as {@code display interface brief} and {@code display mac-address} print it. */
    public static String shortName(int port) {
        return port <= GIGABIT_PORTS ? "GE1/0/" + port : "XGE1/0/" + port;
    }

    public static int ifIndex(int port) {
        return FIRST_PORT_IFINDEX - 1 + port;
    }

    /** The port a long or short interface name denotes, or 0. */
    public static int portOf(String name) {
        for (int p = 1; p <= portCount(); p++) {
            if (portName(p).equalsIgnoreCase(name) || shortName(p).equalsIgnoreCase(name)) {
                return p;
            }
        }
        return 0;
    }
}
