package org.gatehouse.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.ReservationFiles;
import org.gatehouse.policy.PeerBatchWrites;
import org.gatehouse.policy.PeerDecisions;
import org.gatehouse.policy.ReservationRequest;
import org.gatehouse.policy.ReservationWrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse reservations list|add|remove|import|export}: the reservation editor. */
@Command(name = "reservations", description = "Kea host reservations (by MAC).",
        subcommands = {ReservationsCommand.ListReservations.class, ReservationsCommand.Add.class, ReservationsCommand.Remove.class,
                ReservationsCommand.Import.class, ReservationsCommand.Export.class})
final class ReservationsCommand {

    static void print(ConnectedCommand cmd, List<HostReservation> list) {
        List<HostReservation> sorted = list.stream().sorted(Comparator.comparingLong(HostReservation::subnetId)
                .thenComparing(HostReservation::mac)).toList();
        if (cmd.options().format() == OutputFormat.JSON) {
            cmd.printer().json(sorted.stream().map(ReservationFiles::json).toList());
        } else {
            cmd.printer().rows(cmd.options().format(), ReservationFiles.COLUMNS.stream()
                    .map(c -> cmd.options().format() == OutputFormat.CSV ? c : c.toUpperCase()).toList(),
                    sorted.stream().map(ReservationFiles::row).toList());
        }
    }

    static void written(ConnectedCommand cmd, ReservationWrite r, String what) {
        cmd.printer().line(what + ": " + r.describe() + (r.written() ? "" : "; nothing changed"));
    }

    /** An edit on several servers: one line per server; exit 3 naming a server that missed it. */
    static int several(ConnectedCommand cmd, String action, PeerDecisions.FanOut<ReservationWrite> f) {
        return FanOutReport.print(cmd, action, f, w -> java.util.List.of(w.edits() == 0 ? "no reservation; nothing changed" : w.describe()),
                w -> w, w -> null);
    }

    @Command(name = "list", description = "Every reservation: MAC, class, IP if fixed, hostname, note, subnet, by, at.")
    static final class ListReservations extends ConnectedCommand {
        ListReservations(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                print(this, s.decisions().editor().list());
                return 0;
            }
        }
    }

    @Command(name = "export", description = "All reservations in the import format (CSV by default on a file, --format json|csv).")
    static final class Export extends ConnectedCommand {
        Export(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                List<HostReservation> list = s.decisions().editor().list();
                if (options().format() == OutputFormat.JSON) {
                    print(this, list);
                } else {
                    printer().rows(OutputFormat.CSV, ReservationFiles.COLUMNS, list.stream()
                            .sorted(Comparator.comparingLong(HostReservation::subnetId).thenComparing(HostReservation::mac))
                            .map(ReservationFiles::row).toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "add", description = "Add or replace MAC's reservation: --class C [--ip IP] [--hostname H].")
    static final class Add extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        @Option(names = "--class", paramLabel = "C", required = true, description = "client class (registered, old-unregistered, denied, ...)")
        String cls;

        @Option(names = "--ip", paramLabel = "IP", description = "fixed address: inside the subnet, outside its dynamic pools")
        String ip;

        @Option(names = "--hostname", paramLabel = "H")
        String hostname;

        @Option(names = "--note", paramLabel = "TEXT")
        String note;

        @Option(names = "--subnet", paramLabel = "ID", description = "subnet id (default: the subnet of --ip or of the device's lease)")
        Long subnet;

        Add(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = Mac.parse(mac);
            Ipv4 address = ip == null ? null : Ipv4.parse(ip);
            String c = HostReservation.validClass(cls);
            HostReservation.validHostname(hostname);
            HostReservation.validNote(note);
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    return several(this, "reservation-add", new PeerDecisions(s.servers(), s.offline())
                            .reserve(ReservationRequest.add(m, c, address, hostname, note, subnet)));
                }
                written(this, s.decisions().editor().reserve(m, c, address, hostname, note, subnet), "reserved " + m + " as " + c
                        + (address == null ? "" : " at " + address));
                return 0;
            }
        }
    }

    @Command(name = "remove", description = "Remove MAC's reservation (in every subnet, or --subnet ID).")
    static final class Remove extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        @Option(names = "--subnet", paramLabel = "ID")
        Long subnet;

        Remove(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = Mac.parse(mac);
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    return several(this, "reservation-remove", new PeerDecisions(s.servers(), s.offline()).remove(m, subnet));
                }
                ReservationWrite r = s.decisions().editor().remove(m, subnet);
                if (r.edits() == 0) {
                    printer().line(m + " has no reservation; nothing changed");
                } else {
                    written(this, r, "removed the reservation of " + m);
                }
                return 0;
            }
        }
    }

    @Command(name = "import", description = "Bulk add from CSV (header mac,class[,ip,hostname,note,subnet]) or JSON; validated as a whole first.")
    static final class Import extends ConnectedCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        Import(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            String text = ReservationFiles.read(file);
            List<ReservationFiles.Row> rows = ReservationFiles.parse(text, file.getFileName().toString());
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    return several(this, "reservation-import", new PeerBatchWrites(s.servers(), s.offline())
                            .importRows(rows, file.getFileName().toString()));
                }
                ReservationWrite r = s.decisions().editor().importRows(rows, file.getFileName().toString());
                printer().line("imported " + rows.size() + " reservation(s): " + r.applied() + " written, "
                        + (rows.size() - r.applied()) + " already so" + (r.written() ? " (" + r.mechanism() + ", persisted)" : ""));
                return 0;
            }
        }
    }
}
