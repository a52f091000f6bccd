package org.gatehouse.policy;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConflict;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaRefused;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ConfigSnapshotStore;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.store.OfflineActionStore;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot restore and offline replay against a real kea-dhcp4: conflict checks, config-set +
 * config-write, Kea's refusals in its own words, and one audit row per outcome.
 */
@Tag("kea")
class ConfigRestoreAndOfflineQueueTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    final KeaJson json = new KeaJson();
    Database db;
    ActionLog log;
    ConfigService configs;
    OfflineQueue queue;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("c.db"));
        log = new ActionLog(db, "anna", "desk-1");
        configs = new ConfigService(kea.client(), new ConfigSnapshotStore(db), log, json, Clock.systemUTC());
        queue = new OfflineQueue(new OfflineActionStore(db, log, "anna", "desk-1"), Clock.systemUTC());
        kea.wipeLeases();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Another admin changes the running configuration (and its file) behind Gatehouse's back. */
    private void changeBehindOurBack(int validLifetime) {
        ObjectNode dhcp4 = (ObjectNode) kea.client().config().raw().get("Dhcp4").deepCopy();
        dhcp4.put("valid-lifetime", validLifetime);
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        kea.client().execute(new ConfigCommands.ConfigWrite());
    }

    private static int validLifetime() {
        return kea.client().config().raw().path("Dhcp4").path("valid-lifetime").asInt();
    }

    private Path configFile() {
        return kea.socket().getParent().resolve("kea-dhcp4.conf");
    }

    @Test
    void restoreWritesTheSnapshotBackAndIntoKeasFile() throws Exception {
        int original = validLifetime();
        long baseline = configs.take("baseline");
        changeBehindOurBack(original + 111);
        assertThat(validLifetime()).isEqualTo(original + 111);

        ConfigService.Based now = configs.current();
        ConfigDiff.Result diff = configs.diff(configs.snapshot(baseline), now);
        assertThat(diff.changes()).extracting(ConfigDiff.PathChange::path).containsExactly("valid-lifetime");
        assertThat(diff.rows()).anySatisfy(r -> assertThat(r.kind()).isEqualTo(ConfigDiff.Kind.CHANGED));

        ConfigService.Restored r = configs.restore(baseline, now.fingerprint(), "undo the lifetime change");
        assertThat(validLifetime()).isEqualTo(original);
        assertThat(r.fingerprintAfter()).isEqualTo(configs.snapshot(baseline).fingerprint());
        // config-write without a filename wrote the file Kea was started with.
        JsonNode onDisk = json.read(Files.readString(configFile()));
        assertThat(onDisk.path("Dhcp4").path("valid-lifetime").asInt()).isEqualTo(original);
        // What was replaced is a snapshot too.
        assertThat(configs.snapshot(r.savedBeforeId()).dhcp4().path("valid-lifetime").asInt()).isEqualTo(original + 111);

        AuditEntry row = log.query(AuditQuery.all()).get(0);
        assertThat(row.action()).isEqualTo("config-restore");
        assertThat(row.target()).isEqualTo("snapshot #" + baseline);
        assertThat(row.result()).isEqualTo("ok");
        assertThat(row.before()).isEqualTo(now.fingerprint());
        assertThat(row.after()).isEqualTo(r.fingerprintAfter());
        assertThat(row.note()).isEqualTo("undo the lifetime change");
    }

    @Test
    void aConfigChangedSinceTheUserLookedIsAConflictAndNothingIsWritten() {
        long baseline = configs.take("baseline");
        String seen = configs.current().fingerprint();
        changeBehindOurBack(validLifetime() + 7);
        int theirs = validLifetime();
        assertThatThrownBy(() -> configs.restore(baseline, seen, null)).isInstanceOf(KeaConflict.class)
                .hasMessageContaining("changed since it was read").satisfies(e -> assertThat(((KeaConflict) e).exitCode()).isEqualTo(4));
        assertThat(validLifetime()).isEqualTo(theirs);
        AuditEntry row = log.query(AuditQuery.all()).get(0);
        assertThat(row.result()).startsWith("refused: conflict: the configuration changed");
    }

    @Test
    void keaRefusingTheConfigurationIsReportedInItsOwnWords() {
        ObjectNode broken = (ObjectNode) kea.client().config().raw().deepCopy();
        ((ObjectNode) broken.get("Dhcp4").get("subnet4").get(0)).remove("subnet");
        long bad = new ConfigSnapshotStore(db).save(java.time.Instant.now(), "test", null, "hand-made", json.write(broken));
        String before = configs.current().fingerprint();
        assertThatThrownBy(() -> configs.restore(bad, before, null)).isInstanceOf(KeaRefused.class)
                .hasMessageContaining("config-test").hasMessageContaining("subnet");
        assertThat(configs.current().fingerprint()).isEqualTo(before);
        assertThat(log.query(AuditQuery.all()).get(0).result()).startsWith("refused: config-test failed (result 1): ");
    }

    /** The real Kea, except that config-write answers what Kea 2.6.3+ answers outside its config directory. */
    private KeaClient keaRefusingConfigWrite() throws Exception {
        JsonNode recorded = json.read(Files.readString(SharedData.keaResponse("kea-2.6/config-write.path-rejected.json")));
        String refusal = json.write(recorded.get("response"));
        UnixSocketTransport real = new UnixSocketTransport(kea.socket());
        KeaTransport t = new KeaTransport() {
            @Override
            public String describe() {
                return real.describe();
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                return request.contains("\"config-write\"") ? refusal : real.exchange(request, timeout);
            }
        };
        return new KeaClient(t, json, Duration.ofSeconds(10));
    }

    @Test
    void aRefusedConfigWriteSaysTheRunningConfigWasNotSaved() throws Exception {
        int original = validLifetime();
        long baseline = configs.take("baseline");
        changeBehindOurBack(original + 3);
        try (KeaClient refusing = keaRefusingConfigWrite()) {
            ConfigService c = new ConfigService(refusing, new ConfigSnapshotStore(db), log, json, Clock.systemUTC());
            assertThatThrownBy(() -> c.restore(baseline, c.current().fingerprint(), null)).isInstanceOf(KeaRefused.class)
                    .hasMessageContaining("not allowed to write config into")
                    .hasMessageContaining("changed but not saved to its file");
        }
        assertThat(log.query(AuditQuery.all()).get(0).result()).startsWith("refused: config-write failed (result 1): not allowed");
        // Put the file back in step with the running config for the other tests.
        kea.client().execute(new ConfigCommands.ConfigWrite());
    }

    @Test
    void offlineQueueReplaysInOrderOnReconnectWithOneConflict() {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "guest", 3600);
        int original = validLifetime();
        long baseline = configs.take("baseline");
        changeBehindOurBack(original + 50);
        String seen = configs.current().fingerprint();

        // Offline: the action fails as unreachable; the user explicitly chooses to queue it.
        try (KeaClient dead = new KeaClient(new UnixSocketTransport(dir.resolve("no-such.sock")), json, Duration.ofSeconds(1))) {
            ConfigService offline = new ConfigService(dead, new ConfigSnapshotStore(db), log, json, Clock.systemUTC());
            assertThatThrownBy(() -> offline.restore(baseline, seen, null)).isInstanceOf(KeaUnreachable.class);
            assertThat(queue.pending()).isEmpty(); // nothing queued silently
            queue.enqueue(Replayers.leaseRelease(Ipv4.parse("192.168.40.10"), "f0:18:98:00:00:0a", "left the building"));
            queue.enqueue(Replayers.leaseRelease(Ipv4.parse("192.168.40.140"), "da:a1:19:00:00:8c", null));
            queue.enqueue(Replayers.configRestore(baseline, seen, "undo"));
            // Still offline: replay stops at the first action and keeps everything queued.
            OfflineQueue.Report stillOffline = queue.replay(Replayers.of(dead, offline));
            assertThat(stillOffline.stoppedBecause()).isNotNull();
            assertThat(stillOffline.stillPending()).isEqualTo(3);
        }
        assertThat(queue.pending()).extracting(QueuedAction::target)
                .containsExactly("192.168.40.10", "192.168.40.140", "snapshot #" + baseline);

        // Meanwhile 192.168.40.140 went to another device: its queued release must not delete that lease.
        kea.client().execute(new KeaCommands.Lease4Del(Ipv4.parse("192.168.40.140")));
        kea.addLease(140, "02:00:00:00:00:99", "someone-else", 3600);

        OfflineQueue.Report r = queue.replay(Replayers.of(kea.client(), configs));
        assertThat(r.outcomes()).extracting(OfflineQueue.Outcome::state).containsExactly("done", "conflict", "done");
        assertThat(r.outcomes().get(1).why()).contains("now held by 02:00:00:00:00:99");
        assertThat(queue.pending()).isEmpty();
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.10")))).isEmpty();
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.140")))).get()
                .satisfies(l -> assertThat(l.mac()).isEqualTo(Mac.parse("02:00:00:00:00:99")));
        assertThat(validLifetime()).isEqualTo(original);

        // Each queueing and each replay is one audit row, in order.
        List<AuditEntry> rows = log.query(AuditQuery.all());
        assertThat(rows).extracting(AuditEntry::result).containsExactly(
                "failed: " + rows.get(0).result().substring("failed: ".length()), // the offline restore attempt
                "queued", "queued", "queued",
                "ok", "refused: conflict: " + r.outcomes().get(1).why(), "ok");
        assertThat(rows.get(4).detail()).startsWith("replay of queued #1");
        assertThat(rows.get(4).note()).isEqualTo("left the building");
        assertThat(log.verify().ok()).isTrue();
        // And the device timeline of the released MAC shows the queueing and the replay.
        AuditService audit = new AuditService(log, new ObservationStore(db));
        // The queued release is on the device's timeline by the MAC that held the address.
        assertThat(audit.timeline(Mac.parse("f0:18:98:00:00:0a"))).extracting(AuditService.TimelineEntry::result)
                .containsExactly("queued", "ok");
        assertThat(audit.query(new AuditQuery(null, null, null, null, "lease-release", "conflict", 0))).isEmpty();
        assertThat(audit.query(new AuditQuery(null, null, null, null, "lease-release", "refused", 0))).hasSize(1);
        kea.client().execute(new ConfigCommands.ConfigWrite());
    }

    @Test
    void aQueuedActionCanBeCancelledAndThatIsAudited() {
        QueuedAction a = queue.enqueue(Replayers.leaseRelease(Ipv4.parse("192.168.40.77"), null, null));
        queue.cancel(a.id(), "not needed");
        assertThat(queue.pending()).isEmpty();
        assertThat(queue.history(10).get(0).state()).isEqualTo("cancelled");
        assertThat(log.query(AuditQuery.all())).extracting(AuditEntry::result).containsExactly("queued", "cancelled");
        assertThatThrownBy(() -> queue.cancel(a.id(), null)).hasMessageContaining("not a pending");
    }
}
