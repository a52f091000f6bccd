package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.MemoryProfileBook;
import org.gatehouse.testing.TestSshServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect page over the other transports, against a real Kea: the Control Agent with basic
 * auth, and SSH (an in-process MINA server running the real socat) with trust on first use — the
 * unknown host key's fingerprint is shown, accepted, recorded; a changed key is refused with both.
 */
@Tag("gui")
@Tag("kea")
@Tag("switch")
class ConnectTransportsGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static FrameDriver console;
    static ControlAgent agent;
    static TestSshServer ssh;
    static PublicKey serverKey;

    @BeforeAll
    static void setUp() throws Exception {
        console = new FrameDriver(dir);
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
        ssh = new TestSshServer(dir.resolve("hostkey.ser"), ProcessShellCommandFactory.INSTANCE);
        serverKey = keyIn(dir.resolve("hostkey.ser"));
        kea.addLease(20, "f0:18:98:00:00:14", "über-laptop", 86400);
        kea.addLease(150, "da:a1:19:00:00:96", "guest", 60);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close();
        agent.close();
        ssh.close();
    }

    @AfterEach
    void closeWindow() throws Exception {
        console.closeWindow();
        Files.deleteIfExists(console.knownHosts());
    }

    static PublicKey keyIn(Path file) throws Exception {
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(file).loadKeys(null)) {
            return kp.getPublic();
        }
        throw new IllegalStateException("no key in " + file);
    }

    @Test
    void controlAgentWithBasicAuthIsTestedSavedAndOpened() throws Exception {
        console.open(console.realSetup(List.of(), new ScriptedDialogService()));
        console.robot.clickOn("#connect-http");
        console.type("#connect-url", agent.url());
        console.type("#connect-user", agent.user());
        console.type("#connect-password", "not-" + agent.password());
        console.type("#connect-name", "agent");
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.lines("#connect-findings").stream().anyMatch(l -> l.startsWith("Not reached")));

        console.type("#connect-password", agent.password());
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.lines("#connect-findings").stream().anyMatch(l -> l.startsWith("Kea 2.")));
        assertThat(console.lines("#connect-findings")).anySatisfy(l -> assertThat(l).contains("three tiers recognised"))
                .noneSatisfy(l -> assertThat(l).contains(agent.password()));

        console.robot.clickOn("#connect-save");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 2 || console.text("#connect-status").startsWith("Not saved"));
        assertThat(console.leaseRows()).as(console.text("#connect-status")).isEqualTo(2);
        assertThat(console.store().get("agent")).hasValueSatisfying(p -> {
            assertThat(p.kea().uri()).isEqualTo(agent.url());
            assertThat(p.kea().user()).isEqualTo(agent.user());
            assertThat(p.secret(org.gatehouse.policy.SecretSlot.KEA_PASSWORD)).isPresent();
        });
        assertThat(console.stage().getTitle()).contains("agent").contains(agent.url());

        // the next start reads the password back from the encrypted store and opens straight on the agent
        console.closeWindow();
        console.open(console.realSetup(List.of(), new ScriptedDialogService()));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 2);
        assertThat(console.has("#connect-page")).isFalse();
        assertThat(org.gatehouse.testing.SecretScan.find(List.of(console.gatehouseFiles()), List.of(agent.password()))).isEmpty();
    }

    private void fillSsh() {
        console.robot.clickOn("#connect-ssh");
        console.type("#connect-ssh-user", ssh.user());
        console.type("#connect-ssh-host", "127.0.0.1");
        console.type("#connect-ssh-port", Integer.toString(ssh.port()));
        console.type("#connect-ssh-password", ssh.password());
        console.type("#connect-ssh-socket", kea.socket().toString());
        console.type("#connect-name", "over-ssh");
    }

    @Test
    void anUnknownSshHostKeyIsShownAcceptedAndRecorded() throws Exception {
        MemoryProfileBook book = new MemoryProfileBook(console.knownHosts());
        ScriptedDialogService dialogs = new ScriptedDialogService().answerConfirm(true);
        console.open(console.setup(book, List.of(), dialogs));
        fillSsh();
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> console.lines("#connect-findings").stream().anyMatch(l -> l.startsWith("Kea 2.")));

        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, serverKey);
        assertThat(dialogs.seen()).singleElement().satisfies(asked -> {
            assertThat(asked.kind).isEqualTo("CONFIRM");
            assertThat(asked.header).contains("127.0.0.1");
            assertThat(asked.text()).contains(KeyUtils.getKeyType(serverKey) + " " + fingerprint);
        });
        assertThat(Files.readString(console.knownHosts())).contains("[127.0.0.1]:" + ssh.port())
                .contains(PublicKeyEntry.toString(serverKey).split(" ")[1]);
        assertThat(console.lines("#connect-findings")).anySatisfy(l -> assertThat(l).contains("three tiers recognised"));

        console.robot.clickOn("#connect-save");
        await().atMost(Duration.ofSeconds(30)).until(() -> console.leaseRows() == 2);
        assertThat(console.stage().getTitle()).contains("over-ssh");
    }

    @Test
    void aDeclinedKeyIsNotRecorded() throws Exception {
        ScriptedDialogService dialogs = new ScriptedDialogService().answerConfirm(false);
        console.open(console.setup(new MemoryProfileBook(console.knownHosts()), List.of(), dialogs));
        fillSsh();
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> !dialogs.seen().isEmpty()
                && console.lines("#connect-findings").stream().anyMatch(l -> l.startsWith("Not reached")));
        assertThat(console.lines("#connect-findings")).anySatisfy(l -> assertThat(l).startsWith("Not reached").contains("unknown host key"));
        assertThat(Files.exists(console.knownHosts()) ? Files.readString(console.knownHosts()) : "").doesNotContain(":" + ssh.port());
    }

    @Test
    void aChangedSshHostKeyIsRefusedShowingBothFingerprints() throws Exception {
        PublicKey impostor = keyIn(dir.resolve("impostor.ser"));
        String line = "[127.0.0.1]:" + ssh.port() + " " + PublicKeyEntry.toString(impostor) + "\n";
        Files.createDirectories(console.knownHosts().getParent());
        Files.writeString(console.knownHosts(), line);
        ScriptedDialogService dialogs = new ScriptedDialogService();
        console.open(console.setup(new MemoryProfileBook(console.knownHosts()), List.of(), dialogs));
        fillSsh();
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> console.lines("#connect-findings").stream().anyMatch(l -> l.contains("CHANGED")));
        assertThat(console.lines("#connect-findings"))
                .contains("Recorded: " + KeyUtils.getKeyType(impostor) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, impostor))
                .contains("Presented: " + KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, serverKey));
        assertThat(dialogs.seen()).isEmpty(); // nobody is asked to accept a changed key
        assertThat(Files.readString(console.knownHosts())).isEqualTo(line);
    }
}
