package org.gatehouse.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.CsvCells;
import org.gatehouse.store.PoolSamples;

/**
 * {@code gatehouse report} and the Pools screen's Export: utilisation, lease activity, decisions
 * and anomalies over a period, from the cache alone (Kea may be down). HTML is one self-contained
 * file with inline SVG charts (readable offline, printable); JSON and CSV carry the same figures.
 */
public final class Report {
    public enum Format { HTML, JSON, CSV }

    private final PoolHistory history;
    private final ActivityStats stats;

    public Report(PoolHistory history) {
        this.history = history;
        this.stats = new ActivityStats(history);
    }

    /** One pool over the period: its size, its last figures, the average and the peak. */
    public record PoolSummary(long subnetId, String tier, long size, long used, double percent, double averagePercent, long peak,
                              double peakPercent, String level) {
    }

    /** One subnet's utilisation lines. */
    public record SubnetLines(long subnetId, List<ChartSet.Series> tiers) {
    }

    /** Everything in a report. Times are ISO-8601 UTC. */
    public record Data(String site, String from, String to, String generated, String newestSample, List<PoolSummary> pools,
                       List<SubnetLines> utilization, List<ChartSet.Series> activity, Map<String, Long> activityTotals,
                       ChartSet.Series queue, List<ChartSet.Series> decisions, ChartSet.DecisionSummary decisionSummary,
                       List<Anomalies.Anomaly> anomalies, String sampleBucket) {
    }

    /** The report of the last {@code since} (at most the 90 days the cache keeps). */
    public Data build(Duration since, String site) {
        if (since.isNegative() || since.isZero() || since.compareTo(PoolSamples.KEPT) > 0) {
            throw new BadInput("--since", AgingService.format(since) + " is not within the 90 days the cache keeps");
        }
        Instant to = history.clock().instant();
        Instant from = to.minus(since);
        ChartSet.Range widths = ChartSet.Range.covering(since);
        ChartSet first = stats.charts(from, to, widths, null);
        Instant end = to.plusSeconds(60);
        List<SubnetLines> lines = new ArrayList<>();
        for (long subnet : first.subnets()) {
            lines.add(new SubnetLines(subnet, stats.utilization(from, end, widths.sampleBucket(), subnet)));
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        ActivityStats.KINDS.forEach((k, name) -> totals.put(name, 0L));
        history.events().perHour(from, end).values().forEach(kinds -> kinds.forEach((k, n) -> {
            String name = ActivityStats.KINDS.get(k);
            if (name != null) {
                totals.merge(name, n, Long::sum);
            }
        }));
        return new Data(site == null ? "" : site, from.toString(), to.toString(), to.toString(),
                first.newest().map(Instant::toString).orElse(null), pools(from, end, widths), lines, first.activity(), totals,
                first.queue(), first.decisions(), first.summary(), history.anomalies().list(from, end),
                AgingService.format(widths.sampleBucket()));
    }

    private List<PoolSummary> pools(Instant from, Instant to, ChartSet.Range widths) {
        Map<String, List<PoolSamples.Bucket>> byPool = new LinkedHashMap<>();
        for (PoolSamples.Bucket b : history.samples().buckets(from, to, widths.sampleBucket(), null)) {
            byPool.computeIfAbsent(PoolSamples.key(b.subnetId(), b.tier()), k -> new ArrayList<>()).add(b);
        }
        List<PoolSummary> out = new ArrayList<>();
        AnomalyThresholds t = history.anomalies().thresholds();
        byPool.values().forEach(bs -> {
            PoolSamples.Bucket last = bs.get(bs.size() - 1);
            long size = last.size();
            long lastUsed = Math.round(last.used());
            double avg = bs.stream().mapToDouble(b -> b.size() == 0 ? 0 : b.used() * 100.0 / b.size()).average().orElse(0);
            long peak = bs.stream().mapToLong(PoolSamples.Bucket::peak).max().orElse(0);
            double pct = pct(lastUsed, size);
            out.add(new PoolSummary(last.subnetId(), last.tier(), size, lastUsed, pct, Math.round(avg * 10) / 10.0, peak, pct(peak, size),
                    t.level(pct)));
        });
        out.sort(java.util.Comparator.comparing(PoolSummary::subnetId).thenComparing(p -> ActivityStats.TIERS.indexOf(p.tier())));
        return out;
    }

    private static double pct(long used, long size) {
        return size == 0 ? 0 : Math.round(used * 1000.0 / size) / 10.0;
    }

    /** The report as a document in {@code format}. */
    public String render(Data data, Format format) {
        return switch (format) {
            case HTML -> ReportHtml.render(data, history.anomalies().thresholds());
            case JSON -> json(data);
            case CSV -> csv(data);
        };
    }

    /** Writes the report to {@code file} through a 0600 temporary file moved into place (the console's Export). */
    public void write(java.nio.file.Path file, Data data, Format format) {
        String doc = render(data, format);
        org.gatehouse.model.PrivateFiles.writeAtomically(file, out -> out.write(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The format a file name asks for: .json, .csv, else HTML. */
    public static Format formatOf(java.nio.file.Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? Format.JSON : name.endsWith(".csv") ? Format.CSV : Format.HTML;
    }

    private static String json(Data data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("site", data.site());
        doc.put("from", data.from());
        doc.put("to", data.to());
        doc.put("newestSample", data.newestSample());
        doc.put("pools", data.pools());
        List<Map<String, Object>> util = new ArrayList<>();
        data.utilization().forEach(s -> util.add(Map.of("subnetId", s.subnetId(), "tiers", s.tiers().stream().map(Report::points).toList())));
        doc.put("utilization", util);
        doc.put("activityPerHour", data.activity().stream().map(Report::points).toList());
        doc.put("activityTotals", data.activityTotals());
        doc.put("queue", points(data.queue()));
        doc.put("decisionWaitMinutes", data.decisions().stream().map(Report::points).toList());
        doc.put("decisions", data.decisionSummary());
        doc.put("anomalies", data.anomalies());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static Map<String, Object> points(ChartSet.Series s) {
        List<List<Object>> pts = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            pts.add(List.of(Instant.ofEpochMilli((long) s.x()[i]).toString(), s.y()[i]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("points", pts);
        return m;
    }

    /** One table: {@code section,at,subnet_id,tier,series,value,mac,detail}; every cell through {@link CsvCells}. */
    private static String csv(Data d) {
        StringBuilder sb = new StringBuilder();
        row(sb, "section", "at", "subnet_id", "tier", "series", "value", "mac", "detail");
        for (PoolSummary p : d.pools()) {
            row(sb, "pool", d.to(), Long.toString(p.subnetId()), p.tier(), "percent-now", num(p.percent()), "",
                    p.used() + " of " + p.size() + " used; average " + num(p.averagePercent()) + " %, peak " + p.peak() + " (" + num(p.peakPercent())
                            + " %); " + p.level());
        }
        for (SubnetLines s : d.utilization()) {
            for (ChartSet.Series t : s.tiers()) {
                lines(sb, "utilization-percent", Long.toString(s.subnetId()), t.name(), t);
            }
        }
        d.activity().forEach(a -> lines(sb, "activity-per-hour", "", "", a));
        lines(sb, "queue-length", "", "", d.queue());
        d.decisions().forEach(a -> lines(sb, "decision-wait-minutes", "", "", a));
        for (Anomalies.Anomaly a : d.anomalies()) {
            row(sb, "anomaly", a.at(), a.subnetId() == null ? "" : Long.toString(a.subnetId()), a.tier() == null ? "" : a.tier(), a.kind(),
                    Integer.toString(a.count()), a.mac() == null ? "" : a.mac(), a.detail());
        }
        return sb.toString();
    }

    private static void lines(StringBuilder sb, String section, String subnet, String tier, ChartSet.Series s) {
        for (int i = 0; i < s.size(); i++) {
            row(sb, section, Instant.ofEpochMilli((long) s.x()[i]).toString(), subnet, tier, s.name(), num(s.y()[i]), "", "");
        }
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append(CsvCells.line(List.of(cells))).append(CsvCells.LINE_END);
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
