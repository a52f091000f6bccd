package org.gatehouse.cli;

import java.time.Duration;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.PeerQueue;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.SiteAging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse sync}: the aging service, once or as a loop (the systemd unit runs the loop). */
@Command(name = "sync", description = "The aging service: poll Kea, record history, move devices undecided for --old-after to old-unregistered.")
final class SyncCommand extends ConnectedCommand {

    @Option(names = "--once", description = "one pass, then exit")
    boolean once;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between passes (default 60)")
    int interval = 60;

    @Option(names = "--old-after", paramLabel = "DURATION",
            description = "age at which undecided devices move (45s, 30m, 2h); default: the site's aging age (gatehouse site aging), else 30m")
    String oldAfter;

    SyncCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        // --old-after, else the profile's aging age, else the site's (kept in Kea's configuration)
        Duration age = oldAfter == null ? options().agingAge() : AgingService.parseDuration(oldAfter);
        if (interval < 1 || interval > 86_400) {
            throw new BadInput("--interval", interval + " is not 1-86400 seconds");
        }
        Duration lockFor = Duration.ofSeconds(Math.max(120, 3L * interval));
        try (Backend.Session s = backend.connect(options())) {
            AgingService aging = s.aging();
            if (age != null) {
                SiteAging.Setting site = s.siteAging().current();
                if (!site.age().equals(age)) {
                    err().println("gatehouse: warning: --old-after " + AgingService.format(age) + " overrides the site's aging age "
                            + site.describe() + "; the console uses the site's");
                    err().flush();
                }
            }
            if (once) {
                int owed = replayOwed(s);
                try {
                    AgingService.Run run = aging.runOnce(age, lockFor);
                    if (run.heldBy() != null) {
                        err().println(Printer.errorLine("sync", "another sync holds the lock (" + run.heldBy() + "); nothing done"));
                        err().flush();
                        return 1;
                    }
                    print(run);
                    printNotes(s);
                    return run.peersPending() != null && owed == 0 ? 3 : owed;
                } finally {
                    aging.release();
                }
            }
            Thread hook = new Thread(aging::release, "gatehouse-sync-release");
            Runtime.getRuntime().addShutdownHook(hook);
            printer().line("gatehouse sync: every " + interval + " s, moving devices undecided for "
                    + (age == null ? "the site's aging age (" + s.siteAging().current().describe() + ")" : AgingService.format(age))
                    + " to old-unregistered");
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    replayOwed(s);
                    AgingService.Run run = aging.runOnce(age, lockFor);
                    if (run.heldBy() != null) {
                        printer().line(run.at() + " another sync holds the lock (" + run.heldBy() + "); waiting");
                    } else {
                        print(run);
                        printNotes(s);
                    }
                } catch (GatehouseException e) {
                    // A 24/7 service outlives Kea restarts: report and try again next pass.
                    err().println(Printer.errorLine(e.what(), e.getMessage()));
                    err().flush();
                }
                try {
                    Thread.sleep(interval * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            aging.release();
            return 0;
        }
    }

    /**
     * Several servers: the changes a server missed (it was down or refused) are applied to it once
     * it answers, each with its conflict check and audited. Returns 3 while some remain, 4/1 on a
     * conflict/failure, else 0.
     */
    private int replayOwed(Backend.Session s) {
        if (!s.servers().several()) {
            return 0;
        }
        OfflineQueue.Report r = s.offline().replay(s.replayers(), a -> PeerQueue.serverOf(a) != null);
        for (OfflineQueue.Outcome o : r.outcomes()) {
            printer().line("owed to " + s.servers().nameOf(PeerQueue.serverOf(o.action())) + ": #" + o.action().id() + " " + o.action().kind()
                    + " " + o.action().target() + ": " + o.state() + (o.why() == null ? "" : " — " + o.why()));
        }
        if (r.stillPending() > 0) {
            err().println(Printer.errorLine("sync", r.stillPending() + " change(s) still pending for a server that is unreachable"));
            err().flush();
            return 3;
        }
        return r.count(QueuedAction.CONFLICT) > 0 ? 4 : r.count(QueuedAction.FAILED) > 0 ? 1 : 0;
    }

    /** An owed lease deletion whose server the profile no longer names: said, since it was tried elsewhere. */
    private void printNotes(Backend.Session s) {
        s.decisions().retries().notes().forEach(n -> printer().line(n));
    }

    private void print(AgingService.Run run) {
        StringBuilder sb = new StringBuilder(run.at() + " " + run.leases() + " leases, " + run.queued() + " waiting for a decision");
        if (!run.moved().isEmpty()) {
            sb.append("; moved to old-unregistered (undecided for ").append(AgingService.format(run.oldAfter())).append("): ")
                    .append(String.join(" ", run.moved().stream().map(Mac::toString).toList()));
        }
        if (!run.skipped().isEmpty()) {
            sb.append("; left alone (changed meanwhile): ").append(String.join(" ", run.skipped().stream().map(Mac::toString).toList()));
        }
        if (run.pendingLeft() > 0) {
            sb.append("; lease deletions still pending: ").append(run.pendingLeft());
        }
        printer().line(sb.toString());
        if (run.peersPending() != null) {
            err().println(Printer.errorLine("sync", "aging " + run.peersPending()));
            err().flush();
        }
        for (Anomalies.Anomaly a : run.anomalies()) {
            printer().line(run.at() + " anomaly " + a.kind() + (a.mac() == null ? "" : " " + a.mac())
                    + (a.subnetId() == null ? "" : " subnet " + a.subnetId()) + ": " + a.detail());
        }
    }
}
