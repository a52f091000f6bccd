package org.gatehouse.cli;

import java.util.List;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.OfflineQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse offline list|replay|cancel}: actions the user chose to queue while Kea was unreachable. */
@Command(name = "offline", description = "Actions queued while Kea or the switch was unreachable: list, replay in order, cancel.",
        subcommands = {OfflineCommand.ListQueued.class, OfflineCommand.Replay.class, OfflineCommand.Cancel.class})
final class OfflineCommand {

    static final List<String> HEADERS = List.of("ID", "QUEUED", "USER", "KIND", "TARGET", "BASIS", "NOTE", "STATE", "OUTCOME");

    static List<String> row(QueuedAction a) {
        String server = org.gatehouse.policy.PeerQueue.serverOf(a);
        return List.of(Long.toString(a.id()), a.queuedAt().toString(), nz(a.osUser()), a.kind(), a.target() + (server == null ? "" : " on " + server),
                shorten(a.basis()),
                nz(a.note()), a.state(), nz(a.outcome()));
    }

    /** JSON object of a queued action (times as ISO-8601 strings). */
    static java.util.Map<String, Object> json(QueuedAction a) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", a.id());
        m.put("queuedAt", a.queuedAt().toString());
        m.put("user", a.osUser());
        m.put("workstation", a.host());
        m.put("kind", a.kind());
        m.put("target", a.target());
        m.put("payload", a.payload());
        m.put("server", org.gatehouse.policy.PeerQueue.serverOf(a)); // owed to this server of several; null: the (first) server
        m.put("basis", a.basis());
        m.put("note", a.note());
        m.put("state", a.state());
        m.put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString());
        m.put("outcome", a.outcome());
        return m;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 16 ? s.substring(0, 12) + "…" : s;
    }

    @Command(name = "list", description = "Pending queued actions in replay order (--all: every one, newest first).")
    static final class ListQueued extends ConnectedCommand {
        @Option(names = "--all", description = "include replayed, conflicting, failed and cancelled ones")
        boolean all;

        ListQueued(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                List<QueuedAction> list = all ? s.offline().history(1000) : s.offline().pending();
                if (options().format() == OutputFormat.JSON) {
                    printer().json(list.stream().map(OfflineCommand::json).toList());
                } else {
                    printer().rows(options().format(), HEADERS, list.stream().map(OfflineCommand::row).toList());
                }
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Replay pending actions in order with the same conflict checks; each outcome is audited. "
            + "Exit 4 if any conflicted, 1 if any failed, 3 if Kea is still unreachable.")
    static final class Replay extends ConnectedCommand {
        Replay(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                OfflineQueue.Report r = s.offline().replay(s.replayers());
                Printer p = printer();
                if (options().format() == OutputFormat.JSON) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("outcomes", r.outcomes().stream().map(o -> java.util.Map.of("id", o.action().id(), "kind", o.action().kind(),
                            "target", o.action().target(), "state", o.state(), "why", o.why() == null ? "" : o.why())).toList());
                    m.put("stillPending", r.stillPending());
                    m.put("stoppedBecause", r.stoppedBecause());
                    p.json(m);
                } else {
                    for (OfflineQueue.Outcome o : r.outcomes()) {
                        p.line("#" + o.action().id() + " " + o.action().kind() + " " + o.action().target() + ": " + o.state()
                                + (o.why() == null ? "" : " — " + o.why()));
                    }
                    p.line(r.count(QueuedAction.DONE) + " done, " + r.count(QueuedAction.CONFLICT) + " conflict, "
                            + r.count(QueuedAction.FAILED) + " failed, " + r.stillPending() + " still pending");
                }
                if (r.stoppedBecause() != null) {
                    err().println(Printer.errorLine(s.status().status().endpoint(), "still unreachable (" + r.stoppedBecause()
                            + "); " + r.stillPending() + " action(s) stay queued"));
                    err().flush();
                    return 3;
                }
                if (r.count(QueuedAction.PENDING) > 0) {
                    err().println(Printer.errorLine("offline replay", r.count(QueuedAction.PENDING)
                            + " action(s) stay queued for a server that is still unreachable"));
                    err().flush();
                    return 3;
                }
                return r.count(QueuedAction.CONFLICT) > 0 ? 4 : r.count(QueuedAction.FAILED) > 0 ? 1 : 0;
            }
        }
    }

    @Command(name = "cancel", description = "Drop a pending queued action (audited).")
    static final class Cancel extends ConnectedCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (kept in the audit trail)")
        String note;

        Cancel(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                s.offline().cancel(id, note);
                printer().line("cancelled queued action #" + id);
            }
            return 0;
        }
    }
}
