package org.gatehouse.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.ProfileCheck;
import org.gatehouse.policy.ProfileProbe;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.policy.StatusService;
import org.gatehouse.sw.CliCommand;
import org.gatehouse.sw.ComwareSession;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpLocator;

/**
 * {@code profile test}: Kea (version and subnets), the switch (SSH login and {@code display version})
 * and SNMP (sysName), each with the profile's own settings and secrets, each reported on its own.
 */
final class ProfileProbes implements ProfileProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final AppBackend backend;

    ProfileProbes(AppBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<ProfileCheck.Part> probe(Profile profile, Function<SecretSlot, char[]> secrets) {
        ConnectionOptions o = ConnectionOptions.of(profile, secrets);
        List<ProfileCheck.Part> parts = new ArrayList<>();
        if (profile.kea() != null) {
            parts.add(part("kea", () -> kea(o)));
        }
        if (profile.switchSsh() != null) {
            parts.add(part("switch", () -> switchCli(o)));
        }
        if (profile.snmp() != null) {
            parts.add(part("snmp", () -> snmp(o)));
        }
        return parts;
    }

    private static ProfileCheck.Part part(String name, Supplier<String> test) {
        try {
            return new ProfileCheck.Part(name, true, test.get());
        } catch (GatehouseException e) {
            return new ProfileCheck.Part(name, false, e.getMessage());
        } catch (RuntimeException e) {
            return new ProfileCheck.Part(name, false, e.getClass().getSimpleName());
        }
    }

    private String kea(ConnectionOptions o) {
        try (KeaClient kea = backend.keaClient(o)) {
            StatusService.Status s = new StatusService(kea).status();
            if (!s.reachable()) {
                throw new ProbeFailed(s.error());
            }
            return "Kea " + s.version() + " at " + s.endpoint() + ", " + s.subnets().size() + " subnet(s)"
                    + (s.hooks().isEmpty() ? "" : ", hooks " + String.join(", ", s.hooks()));
        }
    }

    private static String switchCli(ConnectionOptions o) {
        ComwareSwitch cli = SwitchParts.cli(o, TIMEOUT);
        return cli.batch(b -> {
            ComwareSession.Reply r = b.session().run(CliCommand.displayVersion());
            String line = r.lines().stream().map(String::strip).filter(l -> l.contains("Comware")).findFirst()
                    .orElse(r.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)"));
            return "logged in to " + b.session().sysname() + " at " + cli.endpoint() + "; display version: " + line;
        });
    }

    private static String snmp(ConnectionOptions o) {
        try (SnmpLocator snmp = SwitchParts.snmp(o, TIMEOUT).get()) {
            return "sysName " + snmp.sysName() + " at " + o.snmp();
        }
    }

    /** A part that answered wrongly; its message is the part's own error text. */
    private static final class ProbeFailed extends GatehouseException {
        ProbeFailed(String why) {
            super(why == null ? "no answer" : why);
        }

        @Override
        public int exitCode() {
            return 1;
        }

        @Override
        public String what() {
            return "profile test";
        }
    }
}
