package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;

/**
 * A real kea-dhcp4 holding many leases: the guest config for VLAN 40 plus a /16 "scale" subnet
 * (id {@value #SUBNET}, 10.100.0.0/16) with the same three class-guarded pools. The leases are
 * written into Kea's memfile CSV before it starts; Kea loads them at start-up (about a second
 * for 50,000), which is far faster than 50,000 {@code lease4-add} calls.
 */
public final class ScaleKea {
    public static final long SUBNET = 100;
    public static final Ipv4 BASE = Ipv4.parse("10.100.0.0");
    /** The scale subnet's tiers: registered .0.5-.127.255, newly .128.0-.191.255, old .192.0-.255.254. */
    public static final long NEWLY_FIRST = 128 * 256;
    public static final long OLD_FIRST = 192 * 256;

    static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context";
    private static final String[] OUIS = {"f01898", "3c22fb", "a4c361", "8c7712", "b827eb", "dca632", "f4f5d8", "3ca9f4", "5c5f67"};
    private static final String[] NAMES = {"iphone", "ipad", "galaxy", "pixel", "thinkpad", "macbook", "surface", "raspberrypi"};

    private ScaleKea() {
    }

    /** The guest config plus the scale subnet, for a Kea living in {@code dir}. */
    public static ObjectNode config(KeaJson json, Path dir) {
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(KeaServer.VLAN, "192.168.40.0/24")),
                List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(dir));
        ArrayNode subnets = config.with("Dhcp4").withArray("subnet4");
        ObjectNode s = subnets.addObject().put("id", SUBNET).put("subnet", "10.100.0.0/16");
        ArrayNode pools = s.putArray("pools");
        pools.addObject().put("pool", "10.100.0.5 - 10.100.127.255").put("client-class", "registered");
        pools.addObject().put("pool", "10.100.128.0 - 10.100.191.255").put("client-class", "newly-unregistered");
        pools.addObject().put("pool", "10.100.192.0 - 10.100.255.254").put("client-class", "old-unregistered");
        s.putArray("reservations");
        // No periodic reclamation: the leases the tests and the bench write must stay as written.
        config.with("Dhcp4").putObject("expired-leases-processing").put("reclaim-timer-wait-time", 0)
                .put("flush-reclaimed-timer-wait-time", 0);
        return config;
    }

    /**
     * {@code count} (at most 65,000) leases in the scale subnet: a quarter newly-unregistered, a
     * quarter old-unregistered, half registered; one MAC in five randomised. Deterministic.
     */
    public static List<Lease> leases(int count, Instant now, long seed) {
        if (count > 65_000) {
            throw new IllegalArgumentException("the scale subnet's pools hold 65,000 leases at most");
        }
        Random r = new Random(seed);
        List<Lease> out = new ArrayList<>(count);
        int newly = 0;
        int old = 0;
        int registered = 0;
        for (int i = 0; i < count; i++) {
            long offset;
            long lifetime = 86_400;
            switch (i % 4) {
                case 0 -> {
                    offset = NEWLY_FIRST + newly++;
                    lifetime = 3600;
                }
                case 1 -> offset = OLD_FIRST + old++;
                default -> offset = 5 + registered++;
            }
            long mac;
            if (r.nextInt(5) == 0) {
                mac = ((r.nextLong() & 0xFFFF_FFFF_FFFFL) | 0x0200_0000_0000L) & ~0x0100_0000_0000L;
            } else {
                mac = (Long.parseLong(OUIS[r.nextInt(OUIS.length)], 16) << 24) | (i & 0xFF_FFFF);
            }
            String host = r.nextInt(6) == 0 ? "" : NAMES[r.nextInt(NAMES.length)] + "-" + i;
            long cltt = now.getEpochSecond() - r.nextInt((int) (lifetime / 2));
            out.add(new Lease(BASE.plus(offset), new Mac(mac), host, SUBNET, LeaseState.DEFAULT, cltt, lifetime));
        }
        return out;
    }

    /** Writes {@code leases} as Kea's memfile lease file (schema of Kea 2.0+; newer Kea upgrades it on load). */
    public static void writeLeaseFile(Path file, List<Lease> leases) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (Lease l : leases) {
                w.write(l.ip() + "," + l.mac() + ",," + l.validLifetime() + "," + (l.cltt() + l.validLifetime()) + ","
                        + l.subnetId() + ",0,0," + l.hostname() + "," + l.state().code() + ",\n");
            }
        }
    }

    /** Starts a Kea in a new temporary directory with {@code leases} already in its lease file. */
    public static LocalKea start(KeaJson json, List<Lease> leases) throws IOException {
        Path dir = Files.createTempDirectory("gh-scale-kea-");
        writeLeaseFile(LocalKea.runtimeIn(dir).leaseFile(), leases);
        return LocalKea.start(dir, config(json, dir), json, Duration.ofSeconds(60));
    }
}
