package org.gatehouse.cli;

import java.util.Map;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;

/** What the commands need from the wired application; implemented in {@code app}. */
public interface Backend {

    /** What works from the local cache alone, with Kea and the switch unreachable or not configured. */
    interface Local extends AutoCloseable {
        AuditService audit();

        /** Snapshots list and diff offline; restore needs a Kea. */
        ConfigService configs();

        OfflineQueue offline();

        CacheService cache();

        /** Pools over time, lease activity and anomalies, from the cache. */
        PoolHistory poolHistory();

        @Override
        void close();
    }

    /** Opens the cache only (audit, db, snapshot listing): needs no --kea. */
    Local local(ConnectionOptions options);

    /** Services bound to one connection; closing it closes the Kea client and the cache. */
    interface Session extends Local {
        /** Every Kea server of the connection (this session's first); one unless several were given. */
        org.gatehouse.policy.KeaServers servers();

        /** How queued offline actions are carried out on this connection, by kind. */
        Map<String, OfflineQueue.Replayer> replayers();

        LeaseService leases();

        StatusService status();

        /** The switch (SSH CLI and/or SNMP) of the same options; it says itself what is not configured. */
        SwitchService switches();

        /** Approve, deny, unregister and the reservation editor. */
        DecisionService decisions();

        /** The approval queue. */
        QueueService queue();

        /** The aging service ({@code gatehouse sync}). */
        AgingService aging();

        /** Pool usage per subnet and tier. */
        PoolService pools();

        /** The site's aging age, kept in Kea's configuration. */
        SiteAging siteAging();

        @Override
        void close();
    }

    Session connect(ConnectionOptions options);

    /** Switch services and the cache only, no Kea: what the {@code switch} commands need. */
    interface SwitchSession extends AutoCloseable {
        SwitchService switches();

        @Override
        void close();
    }

    SwitchSession connectSwitch(ConnectionOptions options);

    /**
     * The saved connection profiles of the user whose environment is {@code env}
     * ({@code $XDG_CONFIG_HOME/gatehouse/profiles.toml}, secrets in the keyring or the encrypted store).
     */
    Profiles profiles(ConnectionOptions.Environment env);

    /** Opens the console and returns when its window closes. */
    void gui(ConnectionOptions options);

    /** Starts a private Kea with demo devices, opens the console on it, and cleans up after. */
    void demo(ConnectionOptions options, boolean openGui, int keepSeconds);
}
