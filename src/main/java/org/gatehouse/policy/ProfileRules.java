package org.gatehouse.policy;

import java.util.Map;

import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.model.BadInput;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.InterfaceName;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SwitchEndpoint;

/** What a profile must satisfy before it is saved: the same rules the connection options follow. */
public final class ProfileRules {
    private ProfileRules() {
    }

    /** Throws {@link BadInput} naming the first setting that is wrong. */
    public static void check(Profile p) {
        if (p.name() == null || !p.name().matches(Profile.NAME_PATTERN)) {
            throw new BadInput("profile", "a profile name is 1-64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit"
                    + " (got '" + p.name() + "')");
        }
        if (p.kea() != null) {
            KeaEndpoint.parse(p.kea().uri());
            if (p.kea().user() != null && p.secret(SecretSlot.KEA_PASSWORD).isEmpty()) {
                throw new BadInput("--kea-user", "needs a password: give --kea-password-file FILE or --secret kea-password=REF");
            }
        }
        for (Map.Entry<String, Profile.KeaAccess> peer : p.peers().entrySet()) {
            if (p.kea() == null) {
                throw new BadInput("peers", "further Kea servers need a first one ([kea])");
            }
            if (!peer.getKey().matches(Profile.NAME_PATTERN)) {
                throw new BadInput("peers", "'" + peer.getKey() + "' is not a server name (letters, digits, space . _ -)");
            }
            KeaEndpoint.parse(peer.getValue().uri());
        }
        if (p.switchSsh() != null) {
            Profile.SwitchAccess s = p.switchSsh();
            SwitchEndpoint.parse(s.uri());
            if (s.acl() != null) {
                AclNumber.parse(String.valueOf(s.acl()));
            }
            for (String i : s.interfaces()) {
                InterfaceName.parse(i);
            }
            BlockMode.parse(s.blockMode());
        }
        if (p.snmp() != null) {
            SnmpEndpoint.parse(p.snmp().uri());
            boolean v3 = p.snmp().version() == Profile.SnmpVersion.V3;
            if (v3 && (p.snmp().user() == null || p.secret(SecretSlot.SNMP_AUTH).isEmpty() || p.secret(SecretSlot.SNMP_PRIV).isEmpty())) {
                throw new BadInput("--snmp-user", "SNMPv3 needs a user and both --snmp-auth-file and --snmp-priv-file (authPriv)");
            }
            if (!v3 && p.secret(SecretSlot.SNMP_COMMUNITY).isEmpty()) {
                throw new BadInput("--snmp", "SNMPv2c needs a community: give --community-file FILE");
            }
        }
        Profile.Tuning t = p.tuning();
        range("--refresh", t.refreshSeconds(), 1, 3600);
        range("pool-warning", t.poolWarningPercent(), 1, 100);
        range("pool-critical", t.poolCriticalPercent(), 1, 100);
        int warn = t.poolWarningPercent() == null ? 80 : t.poolWarningPercent();
        int crit = t.poolCriticalPercent() == null ? 95 : t.poolCriticalPercent();
        if (warn >= crit) {
            throw new BadInput("pool-warning", "the warning level (" + warn + " %) must be below the critical level (" + crit + " %)");
        }
        if (t.retention() != null && (t.retention().toDays() < 1 || t.retention().toDays() > 3650)) {
            throw new BadInput("retention", "keep lease history 1 to 3650 days");
        }
    }

    private static void range(String what, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            throw new BadInput(what, v + " is not from " + min + " to " + max);
        }
    }
}
