package org.gatehouse.sw;

import com.jcraft.jsch.Session;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshFailure;
import org.gatehouse.ssh.SshTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HP 5130 / Comware 7 switch driven over its CLI. Each {@link #batch} is one SSH session; the
 * work inside reads state and applies {@link SwitchChange}s with the syntax the switch accepts
 * ({@code acl mac N}, or {@code acl number N} on older Comware 7 releases).
 */
public final class ComwareSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(ComwareSwitch.class);

    /** Opens a logged-in CLI session. */
    @FunctionalInterface
    public interface Connector {
        ComwareSession open();
    }

    private final String endpoint;
    private final Connector connector;

    public ComwareSwitch(String endpoint, Connector connector) {
        this.endpoint = endpoint;
        this.connector = connector;
    }

    /** Host-key-checked SSH (an unknown key is refused unless accepted explicitly), then the Comware shell. */
    public static ComwareSwitch overSsh(SshTarget target, SshConnector ssh, Duration commandTimeout) {
        return overSsh(target, ssh, commandTimeout,
                commandTimeout.compareTo(ComwareSession.MIN_SAVE_TIMEOUT) > 0 ? commandTimeout : ComwareSession.MIN_SAVE_TIMEOUT);
    }

    /** As above, with {@code save force} (a flash write, slow on a 5130) allowed {@code saveTimeout}. */
    public static ComwareSwitch overSsh(SshTarget target, SshConnector ssh, Duration commandTimeout, Duration saveTimeout) {
        String endpoint = target.endpoint();
        return new ComwareSwitch(endpoint, () -> {
            Session session;
            try {
                session = ssh.open(target);
            } catch (SshFailure e) {
                throw new SwitchFailure(endpoint, e.getMessage(), e.exitCode(), List.of(), false, e);
            }
            return ComwareSession.open(endpoint, session, commandTimeout, saveTimeout);
        });
    }

    public String endpoint() {
        return endpoint;
    }

    /** Runs {@code work} in one CLI session and logs out; logs the session (commands, ms, outcome) at INFO. */
    public <T> T batch(Function<Batch, T> work) {
        long start = System.nanoTime();
        ComwareSession[] opened = new ComwareSession[1];
        try {
            T result;
            try (ComwareSession s = connector.open()) {
                opened[0] = s;
                result = work.apply(new Batch(s));
            }
            LOG.info("switch session {}: ok, {} commands in {} ms", loggedEndpoint(), commands(opened[0]), millisSince(start));
            return result;
        } catch (RuntimeException e) {
            String why = e instanceof SwitchFailure ? SafeText.escapeForTerminal(e.getMessage()) : e.getClass().getSimpleName();
            LOG.info("switch session {}: failed ({}), {} commands in {} ms", loggedEndpoint(), why, commands(opened[0]),
                    millisSince(start));
            throw e;
        }
    }

    private String loggedEndpoint() {
        return SafeText.escapeForTerminal(endpoint);
    }

    private static int commands(ComwareSession s) {
        return s == null ? 0 : s.commandsSent();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Work inside one session. */
    public static final class Batch {
        private final ComwareSession session;
        private Boolean macKeyword;

        Batch(ComwareSession session) {
            this.session = session;
        }

        public ComwareSession session() {
            return session;
        }

        public int commandsSent() {
            return session.commandsSent();
        }

        /** {@code display acl mac N}, falling back to {@code display acl N}; an absent ACL reads as empty. */
        public AclView readAcl(AclNumber acl) {
            ComwareSession.Reply r = Boolean.FALSE.equals(macKeyword) ? session.attempt(CliCommand.displayAcl(acl))
                    : session.attempt(CliCommand.displayAclMac(acl));
            if (r.rejected() && !absent(r) && macKeyword == null) {
                r = session.attempt(CliCommand.displayAcl(acl));
                if (!r.rejected() || absent(r)) {
                    macKeyword = false;
                }
            }
            if (r.rejected()) {
                if (absent(r)) {
                    return new AclView(acl, false, List.of());
                }
                throw new SwitchFailure(session.endpoint(), "the switch rejected '" + r.command() + "': " + String.join(" ", r.errors()),
                        1, session.applied(), session.saved(), null);
            }
            boolean exists = r.lines().stream().anyMatch(l -> l.matches("(?i).*\\bACL\\s+" + acl.value() + "\\b.*"));
            return new AclView(acl, exists, ComwareParsers.aclRules(r.lines()));
        }

        private static boolean absent(ComwareSession.Reply r) {
            return r.errors().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).matches(".*(not exist|no such acl|does not exist).*"));
        }

        /** Enters system view, applies every change in order, returns to user view. Nothing is saved yet. */
        public void apply(List<SwitchChange> changes) {
            if (changes.isEmpty()) {
                return;
            }
            session.run(CliCommand.systemView());
            for (SwitchChange c : changes) {
                if (c instanceof SwitchChange.DenySourceMac d) {
                    enterAcl(d.acl());
                    session.run(CliCommand.ruleDenySourceMac(d.rule(), d.mac()));
                    session.run(CliCommand.quit());
                } else if (c instanceof SwitchChange.RemoveRule u) {
                    enterAcl(u.acl());
                    session.run(CliCommand.undoRule(u.rule()));
                    session.run(CliCommand.quit());
                } else if (c instanceof SwitchChange.FilterInbound f) {
                    session.run(CliCommand.interfaceView(f.port()));
                    ComwareSession.Reply r = session.attempt(CliCommand.packetFilterMacInbound(f.acl()));
                    if (r.rejected()) {
                        session.run(CliCommand.packetFilterInbound(f.acl()));
                    }
                    session.run(CliCommand.quit());
                } else if (c instanceof SwitchChange.Blackhole b) {
                    session.run(CliCommand.macAddressBlackhole(b.mac(), b.vlan()));
                } else if (c instanceof SwitchChange.RemoveBlackhole b) {
                    session.run(CliCommand.undoMacAddressBlackhole(b.mac(), b.vlan()));
                }
            }
            session.run(CliCommand.returnToUserView());
        }

        private void enterAcl(AclNumber acl) {
            if (!Boolean.FALSE.equals(macKeyword)) {
                ComwareSession.Reply r = session.attempt(CliCommand.aclMac(acl));
                if (!r.rejected()) {
                    macKeyword = true;
                    return;
                }
                if (Boolean.TRUE.equals(macKeyword)) {
                    session.run(CliCommand.aclMac(acl));
                }
            }
            session.run(CliCommand.aclNumber(acl));
            macKeyword = false;
        }

        /** {@code save force}: the running configuration becomes the startup configuration. */
        public void save() {
            session.run(CliCommand.saveForce());
        }

        /** {@code display mac-address H-H-H}: where the switch learned the MAC (CLI fallback of SNMP). */
        public List<MacTableEntry> macAddress(Mac mac) {
            return ComwareParsers.macTable(session.run(CliCommand.displayMacAddress(mac)).lines());
        }

        public List<MacTableEntry> macAddresses(InterfaceName port) {
            return ComwareParsers.macTable(session.run(CliCommand.displayMacAddressInterface(port)).lines());
        }

        public List<MacTableEntry> blackholes() {
            return ComwareParsers.macTable(session.run(CliCommand.displayMacAddressBlackhole()).lines());
        }

        public List<InterfaceBrief> interfaces() {
            return ComwareParsers.interfaceBrief(session.run(CliCommand.displayInterfaceBrief()).lines());
        }
    }
}
