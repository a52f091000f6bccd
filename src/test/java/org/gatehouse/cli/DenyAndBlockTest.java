package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** "Deny and block": the Kea half and the switch half of {@code deny}, and {@code unregister} undoing both. */
@Tag("kea")
@Tag("switch")
class DenyAndBlockTest {
    static final String MAC = "f0:18:98:00:0d:01";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;
    ComwareCliDouble sw;
    Path password;

    @BeforeEach
    void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        password = dir.resolve("pw");
        CliRun.writePrivate(password, sw.password());
        kea.addLease(140, MAC, "guest-laptop", 60);
    }

    @AfterEach
    void stop() throws Exception {
        sw.close();
        kea.wipeLeases();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", kea.endpoint(), "--db", dir.resolve("cache.db").toString(),
                "--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(), "--switch-password-file", password.toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--accept-new-host-key", "--timeout", "5"));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), all.toArray(String[]::new));
    }

    private String reservedClass() {
        for (JsonNode r : kea.client().config().raw().path("Dhcp4").path("subnet4").get(0).path("reservations")) {
            if (MAC.equals(r.path("hw-address").asText())) {
                return r.path("client-classes").get(0).asText();
            }
        }
        return null;
    }

    @Test
    void denyReservesInKeaAndBlocksOnTheSwitchThenUnregisterUndoesBoth() {
        CliRun deny = run("deny", MAC, "--block", "--note", "abuse report");
        assertThat(deny.exit()).as(deny.err()).isZero();
        assertThat(reservedClass()).isEqualTo("denied");
        assertThat(sw.saved().rules(4000)).containsValue("deny source-mac f018-9800-0d01 ffff-ffff-ffff");

        CliRun undo = run("unregister", MAC);
        assertThat(undo.exit()).as(undo.err()).isZero();
        assertThat(reservedClass()).isNull();
        assertThat(sw.saved().rules(4000)).doesNotContainValue("deny source-mac f018-9800-0d01 ffff-ffff-ffff");

        // One act, one audit row: the block and the unblock each appear once, with their outcome.
        assertThat(auditRows("switch-block")).singleElement().satisfies(r -> assertThat(r.path("result").asText()).isEqualTo("ok"));
        assertThat(auditRows("switch-unblock")).singleElement().satisfies(r -> assertThat(r.path("result").asText()).isEqualTo("ok"));
        assertThat(auditRows("deny")).hasSize(1);
    }

    private List<JsonNode> auditRows(String action) {
        CliRun audit = run("audit", "list", "--action", action, "--format", "json");
        assertThat(audit.exit()).as(audit.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(audit.out()).forEach(rows::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(audit.out(), e);
        }
        return rows;
    }

    @Test
    void aSwitchThatDropsTheConnectionLeavesTheKeaHalfDoneAndSaysSo() {
        sw.options(new ComwareCliDouble.Options().dropAfter(2));
        CliRun deny = run("deny", MAC, "--block");
        assertThat(reservedClass()).isEqualTo("denied");
        assertThat(deny.exit()).isNotZero();
        assertThat(deny.out() + deny.err()).containsIgnoringCase("switch");
    }

    private static final String RULE = "deny source-mac f018-9800-0d01 ffff-ffff-ffff";

    @Test
    void approveAfterDenyLiftsTheSwitchBlock() {
        CliRun deny = run("deny", MAC, "--block");
        assertThat(deny.exit()).as(deny.err()).isZero();
        assertThat(sw.saved().rules(4000)).containsValue(RULE);

        CliRun approve = run("approve", MAC);
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(reservedClass()).isEqualTo("registered");
        assertThat(sw.saved().rules(4000)).doesNotContainValue(RULE);
        assertThat(approve.out()).contains("switch: done");
    }

    @Test
    void anApproveWithNoBlockRecordedOpensNoSshSession() {
        CliRun approve = run("approve", MAC, "--note", "front desk");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(reservedClass()).isEqualTo("registered");
        // The cache (what Gatehouse blocked) says there is nothing to lift: the switch is not asked.
        assertThat(sw.logins()).as("SSH sessions opened by the approve").isZero();
        assertThat(sw.received()).isEmpty();
        assertThat(auditRows("switch-unblock")).isEmpty();

        // Once Gatehouse blocked it, lifting the block on approve takes exactly one session.
        assertThat(run("deny", MAC, "--block").exit()).isZero();
        int afterDeny = sw.logins();
        assertThat(run("approve", MAC).exit()).isZero();
        assertThat(sw.logins() - afterDeny).isEqualTo(1);
        assertThat(sw.saved().rules(4000)).doesNotContainValue(RULE);
    }

    @Test
    void reservingADeniedDeviceIntoAnotherClassLiftsTheSwitchBlock() {
        assertThat(run("deny", MAC, "--block").exit()).isZero();
        CliRun add = run("reservations", "add", MAC, "--class", "registered");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(reservedClass()).isEqualTo("registered");
        assertThat(sw.saved().rules(4000)).doesNotContainValue(RULE);
    }
}
