package org.gatehouse.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.TierClassifier;

/**
 * Plays the DHCP clients of the demo: the private Kea has no network, so nothing would renew its
 * 60 s leases or move an approved device. Every few seconds this renews short leases at T1, moves a
 * device whose reservation changed into the pool of its new class (as Kea's NAK at renewal does),
 * drops the lease of a denied device, and now and then lets a guest leave and a new one arrive.
 */
final class DemoClients implements AutoCloseable {
    private static final long T1_NEW = 30;

    private final KeaClient kea;
    private final Clock clock;
    private final Map<Mac, Long> subnetOf = new HashMap<>();
    private final Random random = new Random(99);
    private final ScheduledExecutorService timer;
    private int ticks;

    DemoClients(KeaClient kea, Clock clock, Map<Long, List<DemoSite.Device>> devicesBySubnet) {
        this.kea = kea;
        this.clock = clock;
        devicesBySubnet.forEach((subnet, devices) -> devices.forEach(d -> subnetOf.put(d.mac(), subnet)));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-demo-clients");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (KeaException | IllegalStateException e) {
                // The demo Kea is stopping or busy; the next tick tries again.
            }
        }, 5, 5, TimeUnit.SECONDS);
    }

    void tick() {
        KeaConfig config = kea.config();
        Map<Mac, String> reserved = reservedClasses(config.raw());
        List<Lease> leases = kea.allLeases();
        TierClassifier tiers = new TierClassifier(config);
        Map<Mac, Lease> byMac = new HashMap<>();
        Set<Ipv4> used = new HashSet<>();
        for (Lease l : leases) {
            used.add(l.ip());
            if (l.mac() != null) {
                byMac.put(l.mac(), l);
            }
        }
        long now = clock.instant().getEpochSecond();
        for (Map.Entry<Mac, Long> e : subnetOf.entrySet()) {
            Mac mac = e.getKey();
            String cls = reserved.get(mac);
            Tier target = cls == null ? Tier.NEWLY_UNREGISTERED : Tier.ofClientClass(cls);
            Lease current = byMac.get(mac);
            boolean renewing = current == null || now >= current.cltt() + Math.min(T1_NEW, current.validLifetime() / 2);
            if (!renewing) {
                continue;
            }
            if ("denied".equals(cls)) {
                // NAKed at renewal, then no offer: the device loses its address.
                if (current != null) {
                    kea.execute(new KeaCommands.Lease4Del(current.ip()));
                }
                continue;
            }
            Tier now2 = current == null ? null : tiers.classify(current);
            if (current != null && now2 == target) {
                if (current.validLifetime() <= 60) {
                    replace(current, current.ip(), now);
                }
                continue;
            }
            Optional<Ipv4> free = freeAddress(config, e.getValue(), target, used);
            if (free.isPresent()) {
                if (current != null) {
                    kea.execute(new KeaCommands.Lease4Del(current.ip()));
                    used.remove(current.ip());
                }
                used.add(free.get());
                long lifetime = target == Tier.NEWLY_UNREGISTERED ? 60 : 86_400;
                kea.execute(new KeaCommands.Lease4Add(new Lease(free.get(), mac, current == null ? "" : current.hostname(),
                        e.getValue(), LeaseState.DEFAULT, now, lifetime)));
            }
        }
        if (++ticks % 9 == 0) {
            // Guests come and go: one undecided device leaves as a new one arrives, so the pools stay busy but not full.
            leave(reserved, byMac);
            arrive(config, used, now);
        }
    }

    /** An undecided guest goes home: it releases its lease (DHCPRELEASE) and is not seen again. */
    private void leave(Map<Mac, String> reserved, Map<Mac, Lease> byMac) {
        List<Mac> undecided = subnetOf.keySet().stream().filter(m -> !reserved.containsKey(m) && byMac.containsKey(m)).sorted().toList();
        if (undecided.size() > 20) {
            Mac gone = undecided.get(random.nextInt(undecided.size()));
            kea.execute(new KeaCommands.Lease4Del(byMac.get(gone).ip()));
            subnetOf.remove(gone);
        }
    }

    /** A new guest joins: it takes a 60 s lease in the newly-unregistered pool. */
    private void arrive(KeaConfig config, Set<Ipv4> used, long now) {
        long subnet = config.subnets().get(random.nextInt(config.subnets().size())).id();
        DemoSite.Device d = DemoSite.device(random, "newly-unregistered");
        freeAddress(config, subnet, Tier.NEWLY_UNREGISTERED, used).ifPresent(ip -> {
            subnetOf.put(d.mac(), subnet);
            kea.execute(new KeaCommands.Lease4Add(new Lease(ip, d.mac(), d.hostname(), subnet, LeaseState.DEFAULT, now, 60)));
        });
    }

    private void replace(Lease current, Ipv4 ip, long now) {
        kea.execute(new KeaCommands.Lease4Del(current.ip()));
        kea.execute(new KeaCommands.Lease4Add(new Lease(ip, current.mac(), current.hostname(), current.subnetId(),
                LeaseState.DEFAULT, now, current.validLifetime())));
    }

    private static Optional<Ipv4> freeAddress(KeaConfig config, long subnetId, Tier tier, Set<Ipv4> used) {
        return config.subnet(subnetId).stream().flatMap(s -> s.pools().stream())
                .filter(p -> p.clientClasses().stream().map(Tier::ofClientClass).anyMatch(t -> t == tier))
                .flatMap(p -> {
                    List<Ipv4> free = new ArrayList<>();
                    for (long v = p.range().first().value(); v <= p.range().last().value() && free.isEmpty(); v++) {
                        if (!used.contains(new Ipv4(v))) {
                            free.add(new Ipv4(v));
                        }
                    }
                    return free.stream();
                }).findFirst();
    }

    /** MAC → first client class of its host reservation, over every subnet. */
    private static Map<Mac, String> reservedClasses(JsonNode configArguments) {
        Map<Mac, String> out = new HashMap<>();
        for (JsonNode s : configArguments.path("Dhcp4").path("subnet4")) {
            for (JsonNode r : s.path("reservations")) {
                String hw = r.path("hw-address").asText("");
                JsonNode classes = r.path("client-classes");
                if (Mac.isValid(hw) && classes.size() > 0) {
                    out.put(Mac.parse(hw), classes.get(0).asText());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
