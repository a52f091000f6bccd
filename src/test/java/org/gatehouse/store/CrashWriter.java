package org.gatehouse.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * Child process of {@link CrashSafetyTest}: writes audit rows and lease-observation batches
 * as fast as it can and prints "ok N" after each audit append has returned (committed), until
 * it is killed with SIGKILL.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false);
        try (Database db = Database.open(Path.of(args[0]))) {
            ActionLog log = new ActionLog(db, "crash", "child");
            ObservationStore obs = new ObservationStore(db);
            for (int i = 0; ; i++) {
                log.append(ActionLog.Draft.of(Instant.now(), "approve", "item-" + i).change("unregistered", "registered").result(ActionLog.OK));
                out.println("ok " + i);
                out.flush();
                if (i % 5 == 0) {
                    List<ClassifiedLease> batch = new ArrayList<>();
                    for (int k = 0; k < 2000; k++) {
                        batch.add(new ClassifiedLease(new Lease(new Ipv4(0x0A000000L + k), new Mac(0xF01898000000L + k), "h" + i, 40,
                                LeaseState.DEFAULT, i, 60), (i / 5) % 2 == 0 ? Tier.REGISTERED : Tier.OLD_UNREGISTERED, null));
                    }
                    obs.record(batch, Instant.now());
                    out.println("batch " + i);
                    out.flush();
                }
            }
        }
    }
}
