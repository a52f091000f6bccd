package org.gatehouse.policy;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gatehouse.model.Mac;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SwitchFailure;
import org.gatehouse.testing.ComwareCliDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SwitchService} against the Comware double over real SSH: saves that fail, concurrent blocks. */
@Tag("switch")
class SwitchServiceTest {
    static final Mac FIRST = Mac.parse("aa:bb:cc:00:11:22");
    static final Mac SECOND = Mac.parse("aa:bb:cc:00:11:33");

    @TempDir
    Path dir;
    ComwareCliDouble sw;
    Database db;

    @BeforeEach
    void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        db = Database.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        sw.close();
    }

    SwitchService service(Duration commandTimeout, Duration saveTimeout) {
        SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                true, Duration.ofSeconds(5));
        return new SwitchService(ComwareSwitch.overSsh(target, new SshConnector(), commandTimeout, saveTimeout), null,
                new SwitchStore(db, "test"), new ActionLog(db, "test", "test"), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV),
                Clock.systemUTC(), AclNumber.DEFAULT, org.gatehouse.policy.BlockMode.ACL);
    }

    @Test
    void aBlockWhoseSaveTimesOutIsStillOursAndCanBeUnblocked() {
        sw.options(new ComwareCliDouble.Options().slow("save", Duration.ofSeconds(3)));
        SwitchService s = service(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> s.blocking().block(FIRST, "laptop")).isInstanceOfSatisfying(SwitchFailure.class, f -> {
            assertThat(f.exitCode()).isEqualTo(3);
            assertThat(f.getMessage()).contains("blocked aa:bb:cc:00:11:22 with ACL 4000 rule 50000, in effect but NOT saved")
                    .contains("no answer to 'save force' within 1 s");
        });
        assertThat(sw.running().rules(4000)).containsEntry(50000, "deny source-mac aabb-cc00-1122 ffff-ffff-ffff");

        // the cache knows the rule is Gatehouse's: blocking again is "already blocked" by us, and unblock removes it
        assertThat(s.blocking().block(FIRST, null).ours()).isTrue();
        sw.options(new ComwareCliDouble.Options());
        SwitchBlocking.UnblockOutcome un = s.blocking().unblock(FIRST);
        assertThat(un.changed()).isTrue();
        assertThat(un.message()).contains("unblocked aa:bb:cc:00:11:22").contains("50000");
        assertThat(sw.saved().rules(4000)).doesNotContainKey(50000);
        assertThat(s.reconciling().blocked().discrepancies()).isEmpty();
    }

    @Test
    void twoBlocksAtOnceGetDistinctRules() throws Exception {
        // slow reads widen the window in which two unserialised blocks would both pick rule 50000
        sw.options(new ComwareCliDouble.Options().slow("display acl", Duration.ofMillis(300)));
        SwitchService s = service(Duration.ofSeconds(5), Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<SwitchBlocking.BlockOutcome>> runs = new ArrayList<>();
            for (Mac m : List.of(FIRST, SECOND)) {
                runs.add(pool.submit(() -> {
                    together.await();
                    return s.blocking().block(m, null);
                }));
            }
            SwitchBlocking.BlockOutcome a = runs.get(0).get(30, TimeUnit.SECONDS);
            SwitchBlocking.BlockOutcome b = runs.get(1).get(30, TimeUnit.SECONDS);
            assertThat(a.rule()).isNotEqualTo(b.rule());
        } finally {
            pool.shutdownNow();
        }
        assertThat(sw.saved().rules(4000)).hasSize(2)
                .containsValues("deny source-mac aabb-cc00-1122 ffff-ffff-ffff", "deny source-mac aabb-cc00-1133 ffff-ffff-ffff");
        assertThat(s.reconciling().blocked().entries()).allSatisfy(e -> assertThat(e.ours()).isTrue()).hasSize(2);
    }
}
