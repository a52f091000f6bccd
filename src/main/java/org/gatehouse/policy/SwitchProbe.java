package org.gatehouse.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.model.SafeText;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.AclView;
import org.gatehouse.sw.CliCommand;
import org.gatehouse.sw.ComwareSession;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpCredentials;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.sw.SwitchEndpoint;

/**
 * Tests the switch before it is saved: over SSH, log in (an unknown host key is reported with its
 * fingerprint for a person to accept; a changed one is refused with both), {@code display version}
 * and read the managed ACL; over SNMP, sysName, sysDescr and the number of learned MACs. Reads only.
 */
public final class SwitchProbe {

    /** Opens the Comware CLI for a target (SSH is wiring: implemented in {@code app}). */
    @FunctionalInterface
    public interface Connector {
        ComwareSwitch open(Target target);
    }

    /**
     * @param uri          {@code ssh://user@host[:port]}
     * @param trustHostKey "SHA256:…" of a new host key the person accepted, or null
     */
    public record Target(String uri, char[] password, Path key, Path knownHosts, String trustHostKey, String acl, Duration timeout) {
        public Target trusting(String fingerprint) {
            return new Target(uri, password, key, knownHosts, fingerprint, acl, timeout);
        }

        public void wipe() {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    /** What the SSH test found; {@code error} null when it logged in. */
    public record SshResult(String endpoint, String error, HostKeyFacts hostKey, String sysname, String version, int acl,
                            boolean aclExists, int aclRules) {
        public List<String> describe() {
            if (error != null) {
                return List.of("Switch not reached: " + error);
            }
            return List.of("Logged in to " + sysname + " at " + endpoint, "display version: " + version,
                    aclExists ? "MAC ACL " + acl + ": " + aclRules + (aclRules == 1 ? " rule" : " rules")
                            : "MAC ACL " + acl + " does not exist yet (Gatehouse creates it at the first block)");
        }
    }

    /** What the SNMP test found; {@code error} null when the agent answered. */
    public record SnmpResult(String endpoint, String error, String sysName, String sysDescr, int learnedMacs) {
        public List<String> describe() {
            return error != null ? List.of("SNMP not answered: " + error)
                    : List.of("SNMP sysName: " + sysName, "sysDescr: " + sysDescr, "Learned MACs: " + learnedMacs);
        }
    }

    private final Connector connector;

    public SwitchProbe(Connector connector) {
        this.connector = connector;
    }

    public SshResult probeSsh(Target t) {
        String endpoint = SafeText.escapeForTerminal(t.uri());
        try {
            SwitchEndpoint.parse(t.uri());
            AclNumber acl = t.acl() == null || t.acl().isBlank() ? AclNumber.DEFAULT : AclNumber.parse(t.acl());
            ComwareSwitch cli = connector.open(t);
            return cli.batch(b -> {
                ComwareSession.Reply r = b.session().attempt(CliCommand.displayVersion());
                String version = r.rejected() ? "not answered (" + String.join(" ", r.errors()).strip() + ")"
                        : r.lines().stream().map(String::strip).filter(l -> l.contains("Comware")).findFirst()
                        .orElse(r.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)"));
                AclView view = b.readAcl(acl);
                return new SshResult(endpoint, null, null, SafeText.escapeForTerminal(b.session().sysname()), SafeText.escapeForTerminal(version),
                        acl.value(), view.exists(), view.rules().size());
            });
        } catch (GatehouseException e) {
            return new SshResult(endpoint, SafeText.escapeForTerminal(e.getMessage()), HostKeyFacts.in(e).orElse(null), null, null, 0, false, 0);
        }
    }

    /** SNMPv2c with {@code community} (wiped afterwards by the caller). */
    public SnmpResult probeSnmp(String uri, char[] community, Duration timeout) {
        return probeSnmp(uri, () -> new SnmpLocator(SnmpEndpoint.parse(uri), new SnmpCredentials.Community(community.clone()), timeout, 1));
    }

    /** The agent {@code agent} opens (v2c or v3, as its caller configured it); {@code uri} only names it. */
    public SnmpResult probeSnmp(String uri, Supplier<SnmpLocator> agent) {
        String endpoint = SafeText.escapeForTerminal(uri);
        try (SnmpLocator snmp = agent.get()) {
            return new SnmpResult(endpoint, null, SafeText.escapeForTerminal(snmp.sysName()), SafeText.escapeForTerminal(snmp.sysDescr()),
                    snmp.learnedMacs());
        } catch (GatehouseException e) {
            return new SnmpResult(endpoint, SafeText.escapeForTerminal(e.getMessage()), null, null, 0);
        }
    }
}
