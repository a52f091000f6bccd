package org.gatehouse.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The demo's switch: an SSH endpoint speaking the Comware 7 commands Gatehouse uses and an SNMPv2c
 * agent with the demo devices' ports and VLANs, both on 127.0.0.1 and free ports, both stopped by
 * {@link #close()}. Its password and community are random, in 0600 files of the demo directory;
 * its host key is written into a known-hosts file there, so that Gatehouse checks it as it would a
 * real switch's (no trust-on-first-use).
 */
public final class DemoSwitch implements AutoCloseable {
    public static final String USER = "gatehouse";

    private final SshServer ssh;
    private final DemoSnmpAgent snmp;
    private final Path passwordFile;
    private final Path communityFile;
    private final Path knownHosts;
    private final DemoSwitchConfig config = new DemoSwitchConfig();

    private DemoSwitch(Path dir, DemoNetwork network) throws IOException {
        String password = secret();
        String community = secret();
        passwordFile = privateFile(dir.resolve("switch-password"), password);
        communityFile = privateFile(dir.resolve("switch-community"), community);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("switch-host-key"));
        ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(0);
        ssh.setKeyPairProvider(keys);
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        ssh.setPasswordAuthenticator((user, given, session) -> USER.equals(user)
                && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8)));
        ssh.setShellFactory(channel -> new ComwareDemoShell(network, config));
        ssh.start();
        KeyPair key = keys.loadKeys(null).iterator().next();
        // the generated private key: owner only, like every file Gatehouse writes
        Files.setPosixFilePermissions(dir.resolve("switch-host-key"), PosixFilePermissions.fromString("rw-------"));
        knownHosts = privateFile(dir.resolve("switch-known-hosts"),
                "[127.0.0.1]:" + ssh.getPort() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        DemoSnmpAgent agent;
        try {
            agent = new DemoSnmpAgent(network, community);
        } catch (IOException | RuntimeException e) {
            ssh.stop(true);
            throw e;
        }
        snmp = agent;
    }

    /** Starts both endpoints for {@code network}, keeping its files in {@code dir}. */
    public static DemoSwitch start(Path dir, Map<Integer, List<org.gatehouse.model.Mac>> devicesByVlan) {
        try {
            return new DemoSwitch(dir, new DemoNetwork(devicesByVlan));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo switch", e);
        }
    }

    /** The connection options that reach it: secrets as files, its host key in its own known-hosts file. */
    public List<String> options() {
        return List.of("--switch", sshUri(), "--switch-password-file", passwordFile.toString(), "--known-hosts", knownHosts.toString(),
                "--snmp", snmpUri(), "--community-file", communityFile.toString());
    }

    public String sshUri() {
        return "ssh://" + USER + "@127.0.0.1:" + ssh.getPort();
    }

    public String snmpUri() {
        return "udp:127.0.0.1:" + snmp.port();
    }

    /** Interfaces with an inbound packet filter, and the ACLs they filter with (what install-acl did). */
    public Map<String, java.util.Set<Integer>> packetFilters() {
        return config.packetFilters();
    }

    public boolean unsavedChanges() {
        return config.unsaved();
    }

    @Override
    public void close() {
        snmp.close();
        try {
            ssh.stop(true);
        } catch (IOException e) {
            // stopping a loopback listener: nothing left to do
        }
    }

    private static String secret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Created 0600 before anything is written into it. */
    private static Path privateFile(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
