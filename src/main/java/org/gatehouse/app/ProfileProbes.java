package org.gatehouse.app;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.ConnectionProbe;
import org.gatehouse.policy.KeaProbe;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.ProfileCheck;
import org.gatehouse.policy.ProfileProbe;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.policy.SwitchProbe;

/**
 * {@code profile test}: the console's Test, with the profile's own settings and secrets. Kea through
 * {@link ConnectionProbe} (version, hooks, capabilities, subnets and their tiers, the {@code denied}
 * class, the site check summary); the switch and SNMP through {@link SwitchProbe} (login,
 * {@code display version}, the managed ACL; sysName, sysDescr, learned MACs). Each part connects as
 * every other command does with the profile (its recorded host key, --allow-insecure-http), and is
 * reported on its own.
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
        List<ProfileCheck.Part> parts = new java.util.ArrayList<>();
        if (profile.kea() != null) {
            parts.add(guarded("kea", () -> kea(o, profile.kea().uri())));
        }
        // the profile's options are the connection: the probe's target only names it and the ACL
        SwitchProbe switches = new SwitchProbe(target -> SwitchParts.cli(o, TIMEOUT));
        if (profile.switchSsh() != null) {
            Integer acl = profile.switchSsh().acl();
            parts.add(guarded("switch", () -> {
                SwitchProbe.SshResult r = switches.probeSsh(new SwitchProbe.Target(profile.switchSsh().uri(), null, null, null, null,
                        acl == null ? null : acl.toString(), TIMEOUT));
                return r.error() == null ? ProfileCheck.Part.of("switch", true, r.describe()) : failed("switch", r.error());
            }));
        }
        if (profile.snmp() != null) {
            parts.add(guarded("snmp", () -> {
                SwitchProbe.SnmpResult r = switches.probeSnmp(profile.snmp().uri(), () -> SwitchParts.snmp(o, TIMEOUT).get());
                return r.error() == null ? ProfileCheck.Part.of("snmp", true, r.describe()) : failed("snmp", r.error());
            }));
        }
        return parts;
    }

    private ProfileCheck.Part kea(ConnectionOptions o, String uri) {
        KeaProbe r = new ConnectionProbe(target -> backend.keaClient(o)).probeKea(new KeaTarget(uri, null, null, null, null, null, null, TIMEOUT));
        return r.reached() ? ProfileCheck.Part.of("kea", true, r.describe()) : failed("kea", r.error());
    }

    /** One part's failure, however it fails, is that part's FAIL line: the others are still tested. */
    private static ProfileCheck.Part guarded(String name, Supplier<ProfileCheck.Part> test) {
        try {
            return test.get();
        } catch (GatehouseException e) {
            return failed(name, SafeText.escapeForTerminal(e.getMessage()));
        } catch (RuntimeException e) {
            return failed(name, e.getClass().getSimpleName());
        }
    }

    private static ProfileCheck.Part failed(String name, String why) {
        return new ProfileCheck.Part(name, false, why == null ? "no answer" : why);
    }
}
