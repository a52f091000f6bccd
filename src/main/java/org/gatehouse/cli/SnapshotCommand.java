package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse snapshot list|show|diff|take|restore}: Kea configurations stored before every write. */
@Command(name = "snapshot", description = "Kea configuration snapshots (stored before every write): list, show, diff, restore.",
        subcommands = {SnapshotCommand.ListSnapshots.class, SnapshotCommand.Show.class, SnapshotCommand.Diff.class,
                SnapshotCommand.Take.class, SnapshotCommand.Restore.class})
final class SnapshotCommand {

    @Command(name = "list", description = "Stored snapshots, newest first (offline).")
    static final class ListSnapshots extends ConnectedCommand {
        @Option(names = "--limit", paramLabel = "N", description = "at most N (default 100)")
        int limit = 100;

        ListSnapshots(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                List<ConfigService.SnapshotInfo> list = s.configs().list(limit);
                if (options().format() == OutputFormat.JSON) {
                    printer().json(list.stream().map(i -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", i.id());
                        m.put("at", i.at().toString());
                        m.put("endpoint", i.endpoint());
                        m.put("hash", i.hash());
                        m.put("reason", i.reason());
                        return m;
                    }).toList());
                } else {
                    printer().rows(options().format(), List.of("ID", "AT", "ENDPOINT", "HASH", "REASON"), list.stream()
                            .map(i -> List.of(Long.toString(i.id()), i.at().toString(), i.endpoint(), shortHash(i.hash()), i.reason()))
                            .toList());
                }
            }
            return 0;
        }
    }

    static String shortHash(String h) {
        return h == null ? "" : h.substring(0, Math.min(12, h.length()));
    }

    @Command(name = "show", description = "The Dhcp4 configuration of snapshot ID, keys sorted, secrets as ******** (offline).")
    static final class Show extends ConnectedCommand {
        @Parameters(paramLabel = "ID")
        long id;

        Show(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                printer().line(s.configs().snapshot(id).pretty());
            }
            return 0;
        }
    }

    @Command(name = "diff", description = "What changed from snapshot A to snapshot B (or to the running configuration, "
            + "without B): changed paths, and with --side-by-side every line.")
    static final class Diff extends ConnectedCommand {
        @Parameters(index = "0", paramLabel = "A")
        long a;

        @Parameters(index = "1", paramLabel = "B", arity = "0..1")
        Long b;

        @Option(names = "--side-by-side", description = "print both configurations line by line, changes marked")
        boolean sideBySide;

        Diff(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            ConfigDiff.Result d;
            if (b != null) {
                try (Backend.Local s = backend.local(options())) {
                    d = s.configs().diff(s.configs().snapshot(a), s.configs().snapshot(b));
                }
            } else {
                try (Backend.Session s = backend.connect(options())) {
                    ConfigService.Based running = s.configs().current();
                    d = s.configs().diff(s.configs().snapshot(a), running);
                    if (options().format() != OutputFormat.JSON) {
                        printer().line("running configuration fingerprint " + running.fingerprint());
                    }
                }
            }
            print(d, b == null ? "running" : "#" + b);
            return 0;
        }

        private void print(ConfigDiff.Result d, String right) {
            Printer p = printer();
            if (options().format() == OutputFormat.JSON) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("identical", d.identical());
                m.put("changes", d.changes());
                if (sideBySide) {
                    m.put("rows", d.rows());
                }
                p.json(m);
                return;
            }
            if (d.identical()) {
                p.line("snapshot #" + a + " and " + right + " are the same configuration");
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (ConfigDiff.PathChange c : d.changes()) {
                    rows.add(List.of(c.kind().name().toLowerCase(), c.path(), c.before() == null ? "" : c.before(),
                            c.after() == null ? "" : c.after()));
                }
                p.rows(options().format(), List.of("CHANGE", "PATH", "#" + a, right), rows);
            }
            if (sideBySide) {
                int w = Math.min(70, d.rows().stream().mapToInt(r -> r.left().length()).max().orElse(10));
                for (ConfigDiff.Row r : d.rows()) {
                    String mark = switch (r.kind()) {
                        case SAME -> " ";
                        case CHANGED -> "|";
                        case ADDED -> ">";
                        case REMOVED -> "<";
                    };
                    String left = r.left().length() > w ? r.left().substring(0, w - 1) + "…" : r.left();
                    p.line(String.format("%-" + w + "s %s %s", left, mark, r.right()));
                }
            }
        }
    }

    @Command(name = "take", description = "Store the running configuration now.")
    static final class Take extends ConnectedCommand {
        @Option(names = "--reason", paramLabel = "TEXT", description = "why (default: manual snapshot)")
        String reason = "manual snapshot";

        Take(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                printer().line("stored the running configuration as snapshot #" + s.configs().take(reason));
            }
            return 0;
        }
    }

    @Command(name = "restore", description = "Write snapshot ID back to Kea (config-test, config-set, config-write), unless the running "
            + "configuration changed since --basis (default: now); exit 4 on such a conflict. Passwords and secrets keep the "
            + "running configuration's values; exit 2 if it has none for one. With Kea unreachable, --queue "
            + "queues it for `offline replay` instead.")
    static final class Restore extends ConnectedCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (kept in the audit trail)")
        String note;

        @Option(names = "--basis", paramLabel = "FINGERPRINT", description = "the fingerprint of the configuration you based the decision on "
                + "(`snapshot diff A` prints the running one); default: the running one, or offline the newest snapshot's")
        String basis;

        @Option(names = "--queue", description = "if Kea is unreachable, queue the restore (you choose this; nothing is queued silently)")
        boolean queue;

        Restore(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                s.configs().snapshot(id); // bad id: exit 2 before anything else
                ConfigService.RestoreOutcome o = s.configs().restoreOrQueue(id, basis, note, queue, s.offline());
                if (o.queued() != null) {
                    printer().line("Kea is unreachable; queued the restore of snapshot #" + id + " as offline action #" + o.queued().id()
                            + " (replay with `gatehouse offline replay`)");
                    return 0;
                }
                ConfigService.Restored r = o.restored();
                printer().line("restored snapshot #" + id + " (config-set + config-write" + (r.file().isEmpty() ? "" : " to " + r.file())
                        + "); the replaced configuration is snapshot #" + r.savedBeforeId());
                return 0;
            }
        }
    }
}
