package org.gatehouse.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;

/**
 * Demo devices for a private Kea: a few hundred guests spread over the three tiers, with real
 * vendor prefixes and some randomised MACs, as a guest network looks at a busy hour.
 * Deterministic (seeded) so that screenshots and tests are repeatable.
 */
final class DemoSite {
    /** Vendor prefixes with the device names such a vendor's devices announce. */
    private static final String[][] OUIS = {
        {"f01898", "iphone", "ipad", "macbook"}, {"3c22fb", "iphone", "macbook-air"}, {"a4c361", "ipad", "iphone"},
        {"28cfe9", "macbook-pro", "iphone"}, {"8c7712", "galaxy-s23", "galaxy-tab"}, {"b827eb", "raspberrypi"},
        {"dca632", "raspberrypi", "octopi"}, {"f4f5d8", "chromecast", "pixel-8"}, {"3ca9f4", "thinkpad", "latitude"},
        {"5c5f67", "thinkpad", "xps-13"}, {"00155d", "surface", "win11-vm"}};
    private static final String[] RANDOM_NAMES = {"iphone", "android", "galaxy", "pixel", "ipad"};
    private static final String[] PEOPLE = {"anna", "ben", "chloe", "dev", "emma", "felix", "gita", "hugo", "ines", "jon",
        "kim", "lena", "marc", "nora", "omar", "pia"};

    record Device(Mac mac, String hostname, String tier) {
    }

    private final List<Device> registered = new ArrayList<>();
    private final List<Device> newly = new ArrayList<>();
    private final List<Device> old = new ArrayList<>();

    DemoSite(long seed, int registeredCount, int newlyCount, int oldCount) {
        Random r = new Random(seed);
        for (int i = 0; i < registeredCount; i++) {
            registered.add(device(r, "registered"));
        }
        for (int i = 0; i < newlyCount; i++) {
            newly.add(device(r, "newly-unregistered"));
        }
        for (int i = 0; i < oldCount; i++) {
            old.add(device(r, "old-unregistered"));
        }
    }

    /** Every demo device, for the simulated clients. */
    List<Device> devices() {
        List<Device> all = new ArrayList<>(registered);
        all.addAll(newly);
        all.addAll(old);
        return all;
    }

    static Device device(Random r, String tier) {
        long mac;
        String kind;
        if (r.nextInt(5) == 0) {
            // A randomised MAC (phones do this per network): locally administered bit set, multicast bit clear.
            mac = ((r.nextLong() & 0xFFFF_FFFF_FFFFL) | 0x0200_0000_0000L) & ~0x0100_0000_0000L;
            kind = RANDOM_NAMES[r.nextInt(RANDOM_NAMES.length)];
        } else {
            String[] vendor = OUIS[r.nextInt(OUIS.length)];
            mac = (Long.parseLong(vendor[0], 16) << 24) | (r.nextInt(1 << 24));
            kind = vendor[1 + r.nextInt(vendor.length - 1)];
        }
        String host = r.nextInt(6) == 0 ? "" : PEOPLE[r.nextInt(PEOPLE.length)] + "-" + kind;
        return new Device(new Mac(mac), host, tier);
    }

    /** Adds the demo devices' host reservations (registered, and old-unregistered from aging) to subnet {@code subnetId}. */
    void addReservations(ObjectNode config, long subnetId, Instant at) {
        for (var s : config.path("Dhcp4").withArray("subnet4")) {
            if (s.path("id").asLong() != subnetId) {
                continue;
            }
            ArrayNode res = ((ObjectNode) s).withArray("reservations");
            for (Device d : registered) {
                reserve(res, d, "registered", "demo", "demo device", at);
            }
            // Devices in the old-unregistered pool got there by aging, which reserves them into that class.
            for (Device d : old) {
                reserve(res, d, "old-unregistered", "gatehouse-aging", "first seen over 30 min ago, undecided", at);
            }
        }
    }

    private static void reserve(ArrayNode reservations, Device d, String clientClass, String by, String note, Instant at) {
        ObjectNode h = reservations.addObject().put("hw-address", d.mac().toString());
        h.putArray("client-classes").add(clientClass);
        if (!d.hostname().isEmpty()) {
            h.put("hostname", d.hostname());
        }
        h.putObject("user-context").putObject("gatehouse").put("by", by).put("at", at.toString()).put("note", note);
    }

    /** Fills Kea with one lease per device in the pool of its tier, through lease4-add. Returns the count. */
    int fill(KeaClient kea, long subnetId, Ipv4 subnetBase, Instant now) {
        Random r = new Random(7);
        int n = 0;
        n += add(kea, registered, subnetId, subnetBase.plus(5), 86_400, now, r);
        n += add(kea, newly, subnetId, subnetBase.plus(128), 60, now, r);
        n += add(kea, old, subnetId, subnetBase.plus(192), 86_400, now, r);
        return n;
    }

    private static int add(KeaClient kea, List<Device> devices, long subnetId, Ipv4 first, long lifetime, Instant now, Random r) {
        int i = 0;
        for (Device d : devices) {
            long age = (long) (r.nextDouble() * lifetime * 0.5);
            Lease l = new Lease(first.plus(i++), d.mac(), d.hostname(), subnetId, LeaseState.DEFAULT,
                    now.getEpochSecond() - age, lifetime);
            kea.execute(new KeaCommands.Lease4Add(l));
        }
        return devices.size();
    }
}
