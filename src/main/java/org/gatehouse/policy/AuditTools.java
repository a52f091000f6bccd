package org.gatehouse.policy;

import java.util.Map;

/**
 * The services behind the Audit screen, all usable offline: the trail, config snapshots, the
 * offline queue with the replayers of the current connection (empty when no Kea), and the cache.
 */
public record AuditTools(AuditService audit, ConfigService configs, OfflineQueue offline, CacheService cache,
                         Map<String, OfflineQueue.Replayer> replayers) {
    public AuditTools {
        replayers = Map.copyOf(replayers);
    }
}
