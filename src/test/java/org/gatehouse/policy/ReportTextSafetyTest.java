package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report treats text as hostile: in HTML a site name or detail cannot open a tag or reverse the
 * text after it; in CSV a detail cannot become a spreadsheet formula; an empty cache still makes a
 * complete report that says there is nothing.
 */
class ReportTextSafetyTest {
    @TempDir
    Path dir;

    @Test
    void hostileTextIsEscapedInHtmlAndNeutralisedInCsv() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        try (Database db = Database.open(dir.resolve("c.db"))) {
            LeaseEvents events = new LeaseEvents(db);
            AnomalyLog log = new AnomalyLog(db);
            PoolHistory history = new PoolHistory(new PoolSamples(db), events, new Anomalies(events, log, AnomalyThresholds.DEFAULTS),
                    Clock.fixed(now, ZoneOffset.UTC));
            Report report = new Report(history);

            Report.Data none = report.build(Duration.ofDays(1), "Gästenetz");
            String empty = report.render(none, Report.Format.HTML);
            assertThat(empty).contains("Site Gästenetz", "No samples in this period.", "None in this period.", "no data in this period");

            log.add(List.of(new AnomalyLog.Row(now.minusSeconds(60).toEpochMilli(), "rapid-renewals", "02:00:00:00:00:01", 40L, null, 7,
                    "=HYPERLINK(\"http://x\") <b>\u202eevil")), Duration.ofMinutes(30));
            Report.Data data = report.build(Duration.ofDays(1), "<script>alert(1)</script>\u202e");
            String html = report.render(data, Report.Format.HTML);
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;\\u202e", "&lt;b&gt;\\u202eevil")
                    .doesNotContain("<script", "\u202e", "<b>");
            String csv = report.render(data, Report.Format.CSV);
            assertThat(csv).startsWith("section,at,subnet_id,tier,series,value,mac,detail\r\n")
                    .contains("anomaly,2026-12-07T11:59:00Z,40,,rapid-renewals,7,02:00:00:00:00:01,\"'=HYPERLINK(\"\"http://x\"\") <b>\u202eevil\"");
            assertThat(report.render(data, Report.Format.JSON)).contains("\"kind\" : \"rapid-renewals\"", "\"site\" : \"<script>");
        }
    }
}
