package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.policy.Profile;

/** The Kea servers of a command line: the --kea given (or GATEHOUSE_KEA), else the profile's first server and its peers. */
final class KeaServerList {
    private KeaServerList() {
    }

    /**
     * @param given    the URIs given on the command line or in the environment, in order (empty: the profile's)
     * @param user     --kea-user or GATEHOUSE_KEA_USER, which overrides each profile server's user; null if not given
     * @param insecure --allow-insecure-http given
     */
    static List<ConnectionOptions.KeaServer> of(List<String> given, Profile profile, ConnectionOptions o, String user, boolean insecure) {
        List<ConnectionOptions.KeaServer> out = new ArrayList<>();
        if (!given.isEmpty()) {
            for (String uri : given) {
                out.add(new ConnectionOptions.KeaServer("server" + (out.size() + 1), uri, o.keaUser(), o.keaCaFile(), o.keaSshKey(),
                        o.allowInsecureHttp()));
            }
            return out;
        }
        if (profile == null || profile.kea() == null) {
            return out;
        }
        Profile.KeaAccess first = profile.kea();
        out.add(new ConnectionOptions.KeaServer("server1", first.uri(), user != null ? user : first.user(), o.keaCaFile(), first.sshKey(),
                o.allowInsecureHttp()));
        profile.peers().forEach((name, a) -> out.add(new ConnectionOptions.KeaServer(name, a.uri(), user != null ? user : a.user(),
                a.caFile(), a.sshKey(), insecure || a.allowInsecureHttp())));
        return out;
    }
}
