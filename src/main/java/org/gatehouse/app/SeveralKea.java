package org.gatehouse.app;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.PeerBatchWrites;
import org.gatehouse.policy.PeerDecisions;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.store.Database;

/** Wiring for several Kea servers: a client and services per server, one cache for all. */
final class SeveralKea {
    private SeveralKea() {
    }

    /** A session on the first server whose {@link Backend.Session#servers()} are all of them (each with its own client and services). */
    static Backend.Session connect(AppBackend backend, ConnectionOptions options, List<ConnectionOptions.KeaServer> servers) {
        KeaClient first = backend.keaClient(options, servers.get(0));
        Database db;
        try {
            db = Database.open(options.db());
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        try {
            return connect(backend, options, servers, first, db);
        } catch (RuntimeException e) {
            first.close();
            db.close();
            throw e;
        }
    }

    /**
     * The same with the first server's client and the cache already open (a profile opened from the
     * console); on failure only the clients opened here are closed, {@code first} and {@code db} are the caller's.
     */
    static Backend.Session connect(AppBackend backend, ConnectionOptions options, List<ConnectionOptions.KeaServer> servers,
                                   KeaClient first, Database db) {
        List<KeaClient> clients = new ArrayList<>(List.of(first));
        try {
            for (ConnectionOptions.KeaServer k : servers.subList(1, servers.size())) {
                clients.add(backend.keaClient(options, k));
            }
            List<KeaServers.Server> all = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                Backend.Session s = backend.session(clients.get(i), db, options, servers.get(i).name(), null);
                all.add(s.servers().first());
            }
            KeaServers several = new KeaServers(all);
            return backend.session(first, db, options, servers.get(0).name(), several);
        } catch (RuntimeException e) {
            clients.subList(1, clients.size()).forEach(KeaClient::close);
            throw e;
        }
    }

    /**
     * The first server's session services on every server: Release and aging's moves reach each
     * one; the queue (so aging too) and the pools read each one (the Leases screen and
     * {@code leases list} read through MergedLeases).
     */
    static void onEvery(KeaServers servers, OfflineQueue offline, LeaseService leases, QueueService queue, PoolService pools,
                        AgingService aging) {
        leases.releaseOnEvery(new PeerDecisions(servers, offline)); // the console's Release reaches every server
        aging.ageOnEvery(new PeerBatchWrites(servers, offline)); // so do aging's moves (sync and the console)
        queue.readEvery(servers);
        pools.lookOnEvery(servers);
    }
}
