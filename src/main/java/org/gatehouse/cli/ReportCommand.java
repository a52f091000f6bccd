package org.gatehouse.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.PrivateFiles;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse report}: utilisation, lease activity, decisions and anomalies over a period, from the cache. */
@Command(name = "report", description = "Utilisation, lease activity, decisions and anomalies over a period, from the cache (no Kea needed):"
        + " one self-contained HTML file with its charts (--format html, the default), or JSON or CSV.")
final class ReportCommand extends ConnectedCommand {

    @Option(names = "--since", paramLabel = "DURATION", description = "the period, ending now (1h, 24h, 7d, up to 90d; default 7d)")
    String since;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE (mode 0600) instead of standard output")
    Path out;

    ReportCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        Duration period = since == null ? Duration.ofDays(7) : AgingService.parseDuration(since);
        OutputFormat given = options().format;
        Report.Format format = switch (given == null ? OutputFormat.HTML : given) {
            case HTML -> Report.Format.HTML;
            case JSON -> Report.Format.JSON;
            case CSV -> Report.Format.CSV;
            case TABLE -> throw new BadInput("--format", "a report is html, json or csv");
        };
        if (out != null && out.toString().isBlank()) {
            throw new BadInput("--out", "give a file name");
        }
        try (Backend.Local local = backend.local(options())) {
            Report report = new Report(local.poolHistory());
            // the site as the user named it, without any user part of the URI
            String site = options().kea() == null ? "local cache " + options().db().getFileName()
                    : options().kea().replaceFirst("(?<=://)[^/@]*@", "");
            String doc = report.render(report.build(period, site), format);
            if (out == null) {
                printer().raw(doc);
            } else {
                try {
                    PrivateFiles.writeAtomically(out, o -> o.write(doc.getBytes(StandardCharsets.UTF_8)));
                } catch (java.io.UncheckedIOException e) {
                    throw new BadInput("--out", e.getMessage());
                }
                printer().line("report written to " + out + " (" + format.name().toLowerCase() + ", " + AgingService.format(period) + ")");
            }
            return 0;
        }
    }
}
