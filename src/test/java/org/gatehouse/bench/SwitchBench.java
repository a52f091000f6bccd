package org.gatehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.SwitchBlocking;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.InterfaceName;
import org.gatehouse.sw.SnmpCredentials;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.SnmpSimulator;

/**
 * Switch benchmark (run: see README "Switch"). Prints
 * (1) block → saved over SSH against the Comware double: seconds and commands per block;
 * (2) locate over the recording's 206-entry FDB vs {@code snmpbulkwalk} of the same tables,
 * measured in the same run against the same snmpsimd, as ratios (goal ≤ 1.5).
 */
public final class SwitchBench {
    private SwitchBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("gatehouse-switch-bench-");
        try (SnmpSimulator.Running sim = SnmpSimulator.startStandalone();
             ComwareCliDouble sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
             Database db = Database.open(dir.resolve("bench.db"))) {
            SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                    true, Duration.ofSeconds(10));
            SnmpEndpoint ep = new SnmpEndpoint("127.0.0.1", sim.port());
            SnmpCredentials community = new SnmpCredentials.Community(SnmpSimulator.COMMUNITY.toCharArray());
            SwitchService service = new SwitchService(ComwareSwitch.overSsh(target, new SshConnector(), Duration.ofSeconds(10)),
                    () -> new SnmpLocator(ep, community, Duration.ofSeconds(2), 1), new SwitchStore(db, "bench"),
                    new ActionLog(db, "bench", "bench"), new OuiRegistry(null), Clock.systemUTC(), AclNumber.DEFAULT, org.gatehouse.policy.BlockMode.ACL);

            // --- (1) block → saved ---------------------------------------------------------------
            service.blocking().block(Mac.parse("02:00:00:00:ff:ff"), "warm-up");
            long total = 0;
            int commands = 0;
            for (int i = 0; i < blocks; i++) {
                long t0 = System.nanoTime();
                SwitchBlocking.BlockOutcome o = service.blocking().block(new Mac(0x020000000000L + i), "bench");
                total += System.nanoTime() - t0;
                commands += o.commands();
            }
            System.out.printf("block → saved (SSH, Comware double): %.3f s per block, %d commands per block (login, display acl, "
                    + "system-view, acl, rule, quit, return, save force), %d blocks%n", total / 1e9 / blocks, commands / blocks, blocks);

            // --- (2) locate vs snmpbulkwalk ------------------------------------------------------
            Mac mac = Mac.parse("00:00:5e:00:00:01");
            String host = "127.0.0.1:" + sim.port();
            for (int i = 0; i < 3; i++) { // warm-up both
                try (SnmpLocator l = new SnmpLocator(ep, community, Duration.ofSeconds(2), 1)) {
                    l.locate(mac);
                }
                walk(host, "1.3.6.1.2.1.17.7.1.2.2.1.2");
            }
            long locate = 0;
            long macsOn = 0;
            long fdbWalk = 0;
            long threeWalks = 0;
            int requests = 0;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                try (SnmpLocator l = new SnmpLocator(ep, community, Duration.ofSeconds(2), 1)) {
                    if (l.locate(mac).isEmpty()) {
                        throw new IllegalStateException("locate found nothing");
                    }
                    requests = l.requests();
                }
                locate += System.nanoTime() - t0;
                t0 = System.nanoTime();
                try (SnmpLocator l = new SnmpLocator(ep, community, Duration.ofSeconds(2), 1)) {
                    l.macsOn(InterfaceName.parse("GigabitEthernet1/0/3"));
                }
                macsOn += System.nanoTime() - t0;
                t0 = System.nanoTime();
                walk(host, "1.3.6.1.2.1.17.7.1.2.2.1.2");
                fdbWalk += System.nanoTime() - t0;
                t0 = System.nanoTime();
                walk(host, "1.3.6.1.2.1.17.7.1.2.2.1.2");
                walk(host, "1.3.6.1.2.1.17.1.4.1.2");
                walk(host, "1.3.6.1.2.1.31.1.1.1.1");
                threeWalks += System.nanoTime() - t0;
            }
            System.out.printf("locate one MAC (206-entry FDB, %d SNMP requests): %.1f ms; snmpbulkwalk dot1qTpFdbPort: %.1f ms; ratio %.2f (goal ≤ 1.5)%n",
                    requests, locate / 1e6 / rounds, fdbWalk / 1e6 / rounds, (double) locate / fdbWalk);
            System.out.printf("all MACs of a port (walks FDB, base ports, ifName): %.1f ms; snmpbulkwalk of those 3 tables: %.1f ms; ratio %.2f%n",
                    macsOn / 1e6 / rounds, threeWalks / 1e6 / rounds, (double) macsOn / threeWalks);
        }
    }

    private static void walk(String host, String oid) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("snmpbulkwalk", "-v2c", "-c", SnmpSimulator.COMMUNITY, "-On", "-Cr50", host, oid));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 || out.length == 0) {
            throw new IllegalStateException("snmpbulkwalk failed: " + new String(out));
        }
    }
}
