package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gatehouse.app.demo.DemoNetwork;
import org.gatehouse.cli.CliRun;
import org.gatehouse.cli.GatehouseCli;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.OuiRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * {@code gatehouse demo --no-gui} as a newcomer uses it: the options it prints reach a simulated
 * switch on which a demo device can be located (port and VLAN), blocked and unblocked over SSH,
 * with the rules read back by {@code switch blocked}; closing the demo stops the switch too.
 */
@TestMethodOrder(MethodOrderer.MethodName.class) // the last one closes the demo
class DemoSwitchTest {
    /** The same devices as the demo's VLANs 40 and 41 (seeded). */
    static final List<Mac> VLAN40 = new DemoSite(40, 90, 40, 55).devices().stream().map(DemoSite.Device::mac).toList();
    static final List<Mac> VLAN41 = new DemoSite(41, 70, 30, 45).devices().stream().map(DemoSite.Device::mac).toList();

    static Thread demo;
    static ByteArrayOutputStream console = new ByteArrayOutputStream();
    static List<String> reach;

    @BeforeAll
    static void startDemo() {
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        PrintWriter sink = new PrintWriter(new StringWriter(), true);
        demo = new Thread(() -> GatehouseCli.create(backend, name -> null, sink, sink).execute("demo", "--no-gui", "--seconds", "300"),
                "demo-under-test");
        demo.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> printed().contains(" switch blocked"));
        String line = printed().lines().filter(l -> l.startsWith("Try: ./gatehouse ") && l.endsWith(" switch blocked")).findFirst().orElseThrow();
        reach = List.of(line.substring("Try: ./gatehouse ".length(), line.length() - " switch blocked".length()).split(" "));
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.interrupt();
            demo.join(30_000);
        }
    }

    static String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    static CliRun gatehouse(String... command) {
        List<String> args = new ArrayList<>(reach);
        args.addAll(Arrays.asList(command));
        return CliRun.run(Map.of(), args.toArray(String[]::new));
    }

    static String permissions(Path file) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file));
    }

    static String option(String name) {
        return reach.get(reach.indexOf(name) + 1);
    }

    @Test
    void theDemoPrintsEveryOptionThatReachesItsSwitch() throws IOException {
        assertThat(reach).contains("--kea", "--db", "--switch", "--switch-password-file", "--known-hosts", "--snmp", "--community-file");
        assertThat(option("--switch")).startsWith("ssh://gatehouse@127.0.0.1:");
        assertThat(option("--snmp")).startsWith("udp:127.0.0.1:");
        assertThat(String.join(" ", reach)).doesNotContainIgnoringCase("password=").doesNotContain("accept-new-host-key");
        for (String secret : List.of("--switch-password-file", "--community-file", "--known-hosts")) {
            assertThat(permissions(Path.of(option(secret)))).as(secret).isEqualTo("rw-------");
        }
        assertThat(permissions(Path.of(option("--known-hosts")).resolveSibling("switch-host-key"))).isEqualTo("rw-------");
    }

    @Test
    void locateFindsADemoDevicesPortAndVlan() throws IOException {
        Mac device = VLAN41.get(3);
        DemoNetwork.Learned where = new DemoNetwork(Map.of(40, VLAN40, 41, VLAN41)).find(device);
        CliRun locate = gatehouse("switch", "locate", device.toString(), "--format", "json");
        assertThat(locate.exit()).as(locate.err()).isZero();
        JsonNode found = new ObjectMapper().readTree(locate.out());
        JsonNode entry = found.isArray() ? found.get(0) : found;
        assertThat(entry.path("vlan").asInt()).isEqualTo(41);
        assertThat(entry.path("port").asText()).isEqualTo("GigabitEthernet1/0/" + where.port());
        assertThat(entry.path("bridgePort").asInt()).isEqualTo(where.port());
        assertThat(entry.path("ifIndex").asInt()).isEqualTo(DemoNetwork.ifIndex(where.port())).isNotEqualTo(where.port());
    }

    @Test
    void aDemoDeviceIsBlockedAndUnblockedOverSsh() throws IOException {
        Mac device = VLAN40.get(7);
        CliRun block = gatehouse("switch", "block", device.toString(), "--note", "démo – laptop volé");
        assertThat(block.exit()).as(block.err()).isZero();
        JsonNode rules = new ObjectMapper().readTree(gatehouse("switch", "blocked", "--format", "json").out());
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.path("mac").asText()).isEqualTo(device.toString());
            assertThat(r.path("acl").asInt()).isEqualTo(4000);
            assertThat(r.path("ours").asBoolean()).isTrue();
        });
        CliRun again = gatehouse("switch", "block", device.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out() + again.err()).containsIgnoringCase("already");

        CliRun unblock = gatehouse("switch", "unblock", device.toString());
        assertThat(unblock.exit()).as(unblock.err()).isZero();
        JsonNode after = new ObjectMapper().readTree(gatehouse("switch", "blocked", "--format", "json").out());
        assertThat(after).noneSatisfy(r -> assertThat(r.path("mac").asText()).isEqualTo(device.toString()));
    }

    @Test
    void theDemoSwitchRefusesWhatAComwareSwitchRefuses() {
        CliRun install = gatehouse("switch", "install-acl", "--interface", "GigabitEthernet1/0/99");
        assertThat(install.exit()).isNotZero();
        assertThat(install.err()).contains("gatehouse: error:").contains("rejected 'interface GigabitEthernet1/0/99'").contains("% Wrong parameter");
    }

    @Test
    void zzClosingTheDemoStopsTheSwitch() throws Exception {
        URI ssh = URI.create(option("--switch"));
        try (Socket s = new Socket(ssh.getHost(), ssh.getPort())) {
            assertThat(s.isConnected()).isTrue();
        }
        demo.interrupt();
        demo.join(30_000);
        assertThat(demo.isAlive()).isFalse();
        assertThat(printed()).contains("Demo Kea and switch stopped");
        assertThatThrownBy(() -> new Socket(ssh.getHost(), ssh.getPort()).close()).isInstanceOf(ConnectException.class);
        assertThat(Path.of(option("--known-hosts"))).doesNotExist();
    }
}
