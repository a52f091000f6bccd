package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.ProfileCheck;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatehouse profile list|show|add|edit|remove|default|test}: the saved connection profiles
 * the console's Settings screen shows too. Output never holds a secret, only where it is kept.
 */
@Command(name = "profile", description = "Saved connection profiles: a named site's Kea, switch, SNMP and settings (no secret in the file).",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Show.class, ProfileEditCommands.Add.class,
                ProfileEditCommands.Edit.class, ProfileCommand.Remove.class, ProfileCommand.Default.class, ProfileCommand.Test.class})
final class ProfileCommand {

    /** One profile as {@code profile show} and {@code profile list --format json} give it. */
    static Map<String, Object> view(Profile p, boolean isDefault) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("default", isDefault);
        m.put("kea", p.kea() == null ? null : p.kea().uri());
        m.put("keaUser", p.kea() == null ? null : p.kea().user());
        m.put("keaCaFile", p.kea() == null || p.kea().caFile() == null ? null : p.kea().caFile().toString());
        m.put("keaSshKey", p.kea() == null || p.kea().sshKey() == null ? null : p.kea().sshKey().toString());
        if (!p.peers().isEmpty()) {
            m.put("peers", p.peers().entrySet().stream().map(e -> Map.of("name", e.getKey(), "kea", e.getValue().uri())).toList());
        }
        m.put("switch", p.switchSsh() == null ? null : p.switchSsh().uri());
        m.put("switchKey", p.switchSsh() == null || p.switchSsh().key() == null ? null : p.switchSsh().key().toString());
        m.put("switchFingerprint", p.switchSsh() == null ? null : p.switchSsh().fingerprint());
        m.put("acl", p.switchSsh() == null ? null : p.switchSsh().acl());
        m.put("interfaces", p.switchSsh() == null ? List.of() : p.switchSsh().interfaces());
        m.put("blockMode", p.switchSsh() == null ? null : p.switchSsh().blockMode());
        m.put("snmp", p.snmp() == null ? null : p.snmp().uri());
        m.put("snmpVersion", p.snmp() == null ? null : p.snmp().version() == Profile.SnmpVersion.V3 ? "v3" : "v2c");
        m.put("snmpUser", p.snmp() == null ? null : p.snmp().user());
        Profile.Tuning t = p.tuning();
        m.put("refresh", t.refreshSeconds());
        m.put("poolWarning", t.poolWarningPercent());
        m.put("poolCritical", t.poolCriticalPercent());
        m.put("agingAge", t.agingAge() == null ? null : t.agingAge().toSeconds() + "s");
        m.put("cache", t.cache() == null ? null : t.cache().toString());
        m.put("retentionDays", t.retention() == null ? null : t.retention().toDays());
        Map<String, String> secrets = new LinkedHashMap<>();
        p.secrets().forEach((slot, ref) -> secrets.put(slot.key(), ref.text()));
        m.put("secrets", secrets);
        return m;
    }

    @Command(name = "list", description = "The saved profiles; '*' marks the default (used when neither --kea nor --profile is given).")
    static final class ListProfiles extends ConnectedCommand {
        ListProfiles(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Profiles profiles = options().profiles();
            List<Profile> all = profiles.list();
            String dflt = profiles.defaultName().orElse(null);
            if (options().format() == OutputFormat.JSON) {
                printer().json(all.stream().map(p -> view(p, p.name().equals(dflt))).toList());
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Profile p : all) {
                rows.add(List.of(p.name().equals(dflt) ? "*" : "", p.name(), p.kea() == null ? "-" : p.kea().uri(),
                        p.switchSsh() == null ? "-" : p.switchSsh().uri(), p.snmp() == null ? "-" : p.snmp().uri()));
            }
            if (rows.isEmpty() && options().format() == OutputFormat.TABLE) {
                printer().line("no profiles in " + profiles.file() + "; create one with: gatehouse profile add NAME --kea URI");
                return 0;
            }
            printer().rows(options().format(), List.of("DEFAULT", "NAME", "KEA", "SWITCH", "SNMP"), rows);
            return 0;
        }
    }

    @Command(name = "show", description = "One profile's settings and where each of its secrets is kept (never the secret).")
    static final class Show extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", description = "the profile's name (1-64 letters, digits, spaces, . _ -)")
        String name;

        Show(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Profiles profiles = options().profiles();
            Profile p = profiles.require(name);
            Map<String, Object> v = view(p, profiles.defaultName().map(name::equals).orElse(false));
            if (options().format() == OutputFormat.JSON) {
                printer().json(v);
                return 0;
            }
            Printer out = printer();
            // settings left at their default are not listed; secrets show where they are kept
            v.forEach((k, value) -> {
                if (value instanceof Map<?, ?> m) {
                    m.forEach((slot, ref) -> out.line(String.format("%-18s %s", slot + ":", ref)));
                } else if (value instanceof List<?> l) {
                    if (!l.isEmpty()) {
                        out.line(String.format("%-18s %s", k + ":", String.join(", ", l.stream().map(Object::toString).toList())));
                    }
                } else if (value != null) {
                    out.line(String.format("%-18s %s", k + ":", value));
                }
            });
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a profile and the secrets Gatehouse stored for it (keyring or encrypted store).")
    static final class Remove extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", description = "the profile's name (1-64 letters, digits, spaces, . _ -)")
        String name;

        Remove(Backend backend) {
            super(backend);
        }

        @picocli.CommandLine.Option(names = "--force", description = "remove it even when the keyring holding its secrets is locked or"
                + " absent (its keyring items then stay)")
        boolean force;

        @Override
        public Integer call() {
            if (options().profiles().remove(name, force)) {
                printer().line("removed profile " + name + " and its stored secrets");
            } else {
                printer().line("removed profile " + name + "; its secrets stay in the desktop keyring (application=gatehouse profile="
                        + name + "): delete them with the keyring's own tools");
            }
            return 0;
        }
    }

    @Command(name = "default", description = "Make NAME the profile used when neither --kea nor --profile (GATEHOUSE_PROFILE) is given.")
    static final class Default extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", description = "the profile's name (1-64 letters, digits, spaces, . _ -)")
        String name;

        Default(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            options().profiles().setDefault(name);
            printer().line("default profile: " + name);
            return 0;
        }
    }

    @Command(name = "test", description = "The console's Test for each configured part (Kea: version, hooks, subnets and their tiers, the"
            + " 'denied' class, the site check summary; switch: SSH login, 'display version', the managed ACL; SNMP: sysName, sysDescr,"
            + " learned MACs); exit 0 only if every configured part answered, 1 otherwise.")
    static final class Test extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "default: --profile, GATEHOUSE_PROFILE or the default profile")
        String name;

        Test(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            String which = name != null ? name : options().profile().map(Profile::name)
                    .orElseThrow(() -> new BadInput("profile", "name the profile to test (gatehouse profile list shows them)"));
            ProfileCheck check = options().profiles().test(which);
            if (options().format() == OutputFormat.JSON) {
                printer().json(Map.of("profile", check.profile(), "ok", check.allAnswered(), "parts", check.parts()));
            } else if (check.parts().isEmpty()) {
                printer().line("profile " + which + " configures nothing to test");
            } else {
                for (ProfileCheck.Part part : check.parts()) {
                    printer().line(String.format("%-7s %-4s %s", part.name() + ":", part.answered() ? "ok" : "FAIL", part.detail()));
                    part.facts().stream().skip(1).forEach(fact -> printer().line(String.format("%-12s %s", "", fact)));
                }
            }
            return check.allAnswered() ? 0 : 1;
        }
    }

    /** Which of a profile's slots hold a secret, for messages. */
    static String secretsOf(Profile p) {
        List<String> s = new ArrayList<>();
        for (SecretSlot slot : SecretSlot.values()) {
            Optional.ofNullable(p.secrets().get(slot)).ifPresent(r -> s.add(slot.key() + " (" + r.text() + ")"));
        }
        return s.isEmpty() ? "no secrets" : String.join(", ", s);
    }
}
