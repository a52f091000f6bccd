package org.gatehouse.bench;

import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.store.OfflineActionStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.Reservations;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ConfigSnapshotStore;
import org.gatehouse.store.Database;
import org.gatehouse.store.PendingLeaseDeletes;

/**
 * Approve → persisted, with 1,000 and 5,000 reservations in a real Kea 2.2, against the bare
 * minimum on the same Kea in the same run: socat config-get, a jq edit, socat config-set, socat
 * config-write (what rig.sh does). Gatehouse does more (a second config-get to catch a concurrent
 * writer, a lease lookup and deletion, a config snapshot and an audit row in SQLite); the ratio
 * says what that safety costs.
 *
 * <pre>mvn -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.gatehouse.bench.ApproveBench [-Dexec.args=RUNS]</pre>
 */
public final class ApproveBench {
    private ApproveBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        KeaJson json = new KeaJson();
        System.out.println("approve -> persisted (median of " + runs + " runs), Kea " + kea22());
        System.out.printf("%-14s %14s %14s %8s%n", "reservations", "raw socat ms", "gatehouse ms", "ratio");
        for (int n : new int[] {1000, 5000}) {
            Path dir = Files.createTempDirectory("gh-bench-");
            ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(40, "192.168.40.0/24")),
                    List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(dir));
            ArrayNode res = (ArrayNode) config.path("Dhcp4").path("subnet4").get(0).path("reservations");
            for (int i = 0; i < n; i++) {
                ObjectNode h = res.addObject().put("hw-address", new Mac(0x3c22fb000000L + i).toString()).put("hostname", "guest-" + i);
                h.putArray("client-classes").add("registered");
                h.putObject("user-context").putObject("gatehouse").put("by", "bench").put("at", "2026-11-27T12:00:00Z").put("note", "seed");
            }
            try (LocalKea kea = LocalKea.start(dir, config, json, Duration.ofSeconds(60));
                 KeaClient client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(60));
                 Database db = Database.open(dir.resolve("bench.db"))) {
                ConfigSnapshotStore snaps = new ConfigSnapshotStore(db);
                Reservations reservations = Reservations.forKea(client, json,
                        (reason, hash, cfg) -> snaps.save(java.time.Instant.now(), kea.endpoint(), hash, reason, json.write(cfg)));
                DecisionService decisions = new DecisionService(client, reservations, new ActionLog(db, "bench", "bench"),
                        new PendingLeaseDeletes(db), MacBlocker.NONE, new OfflineQueue(new OfflineActionStore(db, new ActionLog(db, "t", "t"), "t", "t"), Clock.systemUTC()), Clock.systemUTC(), "bench");
                decisions.flow().approve(new Mac(0x0267680000ffL), "", "", 40L);   // warm-up (JIT, SQLite)
                raw(kea.socket(), "02:67:68:00:00:fe", dir);
                List<Double> rawMs = new ArrayList<>();
                List<Double> ghMs = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    raw(kea.socket(), new Mac(0x026769000000L + i).toString(), dir);
                    rawMs.add((System.nanoTime() - t0) / 1e6);
                    long t1 = System.nanoTime();
                    decisions.flow().approve(new Mac(0x02676a000000L + i), "bench", "", 40L);
                    ghMs.add((System.nanoTime() - t1) / 1e6);
                }
                double r = median(rawMs);
                double g = median(ghMs);
                System.out.printf("%-14d %14.1f %14.1f %7.2fx%n", n, r, g, g / r);
            }
        }
    }

    /** The baseline: what a shell script does, through socat, with jq for the edit. */
    private static void raw(Path socket, String mac, Path dir) throws IOException, InterruptedException {
        String sock = "UNIX-CONNECT:" + socket;
        String script = "set -e\n"
                + "printf '{\"command\":\"config-get\"}' | socat -t 60 -T 60 - " + sock + " > " + dir.resolve("get.json") + "\n"
                + "jq -c --arg mac " + mac + " '{command: \"config-set\", arguments: (.arguments | del(.hash) | .Dhcp4.subnet4[0].reservations += "
                + "[{\"hw-address\": $mac, \"client-classes\": [\"registered\"]}])}' " + dir.resolve("get.json") + " > " + dir.resolve("set.json") + "\n"
                + "socat -t 60 -T 60 - " + sock + " < " + dir.resolve("set.json") + " | grep -q '\"result\": 0'\n"
                + "printf '{\"command\":\"config-write\"}' | socat -t 60 -T 60 - " + sock + " | grep -q '\"result\": 0'\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("raw baseline failed: " + out);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String kea22() {
        try {
            Process p = new ProcessBuilder(LocalKea.binary().toString(), "-v").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
