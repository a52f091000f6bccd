package org.gatehouse.app;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.store.Database;

/** Wiring for several Kea servers: a client and services per server, one cache for all. */
final class SeveralKea {
    private SeveralKea() {
    }

    /** A session on the first server whose {@link Backend.Session#servers()} are all of them (each with its own client and services). */
    static Backend.Session connect(AppBackend backend, ConnectionOptions options, List<ConnectionOptions.KeaServer> servers) {
        List<KeaClient> clients = new ArrayList<>();
        Database db = null;
        try {
            for (ConnectionOptions.KeaServer k : servers) {
                clients.add(backend.keaClient(options, k));
            }
            db = Database.open(options.db());
            List<KeaServers.Server> all = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                Backend.Session s = backend.session(clients.get(i), db, options, servers.get(i).name(), null);
                all.add(s.servers().first());
            }
            KeaServers several = new KeaServers(all);
            return backend.session(clients.get(0), db, options, servers.get(0).name(), several);
        } catch (RuntimeException e) {
            clients.forEach(KeaClient::close);
            if (db != null) {
                db.close();
            }
            throw e;
        }
    }
}
