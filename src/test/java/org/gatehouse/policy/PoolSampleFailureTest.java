package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache that cannot take a sample (here: closed) costs the sample, not Kea's figures or the aging pass that asked. */
class PoolSampleFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFailedSampleStillGivesThePools() throws Exception {
        Database db = Database.open(dir.resolve("c.db"));
        LeaseEvents events = new LeaseEvents(db);
        PoolHistory history = new PoolHistory(new PoolSamples(db), events, new Anomalies(events, new AnomalyLog(db), AnomalyThresholds.DEFAULTS),
                Clock.systemUTC());
        db.close();
        KeaConfig config = KeaConfig.parse(new KeaJson().read("{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\","
                + " \"pools\": [{\"pool\": \"192.0.2.10 - 192.0.2.19\"}, {\"pool\": \"192.0.2.20 - 192.0.2.29\"}]}]}}"));
        Lease l = new Lease(Ipv4.parse("192.0.2.11"), Mac.parse("02:00:00:00:00:01"), "x", 1, LeaseState.DEFAULT, 0, 600);
        PoolService.Look look = new PoolService(null, history, Clock.systemUTC()).observe(config, List.of(l), null, Instant.now());
        assertThat(look.pools()).extracting(PoolService.PoolUsage::used).containsExactly(1L, 0L);
        assertThat(look.anomalies()).isEmpty();
    }
}
