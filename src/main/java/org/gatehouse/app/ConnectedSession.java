package org.gatehouse.app;

import java.util.Map;
import org.gatehouse.cli.Backend;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;

/** The services {@link AppBackend#session} wired for one connection; {@code closing} closes its Kea clients and cache. */
record ConnectedSession(KeaServers servers, SwitchService switches, AuditService audit, ConfigService configs, OfflineQueue offline,
                        CacheService cache, PoolHistory poolHistory, Map<String, OfflineQueue.Replayer> replayers,
                        LeaseService leases, StatusService status, DecisionService decisions, QueueService queue,
                        AgingService aging, PoolService pools, SiteAging siteAging, Runnable closing) implements Backend.Session {
    @Override
    public void close() {
        closing.run();
    }
}
