package org.gatehouse.cli;

import java.util.Map;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.StatusService;

/** What the commands need from the wired application; implemented in {@code app}. */
public interface Backend {

    /** What works from the local cache alone, with Kea and the switch unreachable or not configured. */
    interface Local extends AutoCloseable {
        AuditService audit();

        /** Snapshots list and diff offline; restore needs a Kea. */
        ConfigService configs();

        OfflineQueue offline();

        CacheService cache();

        @Override
        void close();
    }

    /** Opens the cache only (audit, db, snapshot listing): needs no --kea. */
    Local local(ConnectionOptions options);

    /** Services bound to one connection; closing it closes the Kea client and the cache. */
    interface Session extends Local {
        /** How queued offline actions are carried out on this connection, by kind. */
        Map<String, OfflineQueue.Replayer> replayers();

        LeaseService leases();

        StatusService status();

        @Override
        void close();
    }

    Session connect(ConnectionOptions options);

    /** Opens the console and returns when its window closes. */
    void gui(ConnectionOptions options);

    /** Starts a private Kea with demo devices, opens the console on it, and cleans up after. */
    void demo(ConnectionOptions options, boolean openGui, int keepSeconds);
}
