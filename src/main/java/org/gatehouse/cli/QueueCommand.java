package org.gatehouse.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.policy.QueueService;
import picocli.CommandLine.Command;

/** {@code gatehouse queue list}: devices waiting for a decision. */
@Command(name = "queue", description = "The approval queue.", subcommands = QueueCommand.ListQueue.class)
final class QueueCommand {

    static String age(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    @Command(name = "list", description = "Devices holding a lease in an unregistered tier, neither approved nor denied.")
    static final class ListQueue extends ConnectedCommand {
        ListQueue(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                QueueService.Snapshot snap = s.queue().refresh();
                Instant now = snap.asOf();
                if (options().format() == OutputFormat.JSON) {
                    printer().json(snap.entries().stream().map(e -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("mac", e.mac().toString());
                        m.put("ip", e.ip());
                        m.put("hostname", e.hostname());
                        m.put("vendor", e.vendor());
                        m.put("tier", e.tier().label());
                        m.put("firstSeen", e.firstSeen().toString());
                        m.put("lastSeen", e.lastSeen().toString());
                        m.put("timesSeen", e.timesSeen());
                        m.put("subnetId", e.subnetId());
                        return m;
                    }).toList());
                } else {
                    printer().rows(options().format(), List.of("MAC", "IP", "HOSTNAME", "VENDOR", "TIER", "FIRST SEEN", "IN QUEUE", "SEEN"),
                            snap.entries().stream().map(e -> List.of(e.mac().toString(), e.ip(), e.hostname(),
                                    e.vendor() == null ? "" : e.vendor(), e.tier().label(), e.firstSeen().toString(), age(e.inQueue(now)),
                                    Integer.toString(e.timesSeen()))).toList());
                }
                if (!snap.unreachable().isEmpty()) {
                    // several servers, one not read: as leases list, named on stderr and exit 3 (its devices are missing)
                    err().println(Printer.errorLine("queue", String.join("; ", snap.unreachable()) + "; its devices are missing from this list"));
                    err().flush();
                    return 3;
                }
                return 0;
            }
        }
    }
}
