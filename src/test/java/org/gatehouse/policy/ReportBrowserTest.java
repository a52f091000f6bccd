package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.gatehouse.cli.CliRun;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.Database;
import org.gatehouse.testing.HistoryGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse report} as a user opens it: a week of generated history (two subnets, decisions,
 * anomalies) becomes one HTML file that Debian's Chromium renders headless from file:// with every
 * network feature off; the screenshot shows the charts' lines (the series colours and the dashed
 * critical line are on the page). The file refers to nothing outside itself.
 */
@Tag("gui")
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theReportOpensInHeadlessChromiumAndShowsItsCharts() throws Exception {
        Path db = dir.resolve("cache.db");
        Instant now = Instant.now();
        try (Database d = Database.open(db)) {
            HistoryGenerator g = new HistoryGenerator(d, 2, 500, 40);
            g.generate(now, 8);
            g.decisions(now, 7, 60);
            new AnomalyLog(d).add(List.of(
                    new AnomalyLog.Row(now.minus(Duration.ofHours(30)).toEpochMilli(), "pool-critical", null, 40L, "newly-unregistered", 62,
                            "newly-unregistered pool of 192.168.40.0/24 at 96.9 % (62 of 64 used, 2 free)"),
                    new AnomalyLog.Row(now.minus(Duration.ofHours(5)).toEpochMilli(), "rapid-renewals", "02:11:22:33:44:55", 41L, null, 9,
                            "9 renewals within 1m (more than 5)")), Duration.ofMinutes(30));
        }
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.run(Map.of("GATEHOUSE_DB", db.toString()), "report", "--since", "7d", "--out", html.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<svg id=\"utilization-40\"", "<svg id=\"utilization-41\"", "<svg id=\"activity\"", "<svg id=\"renewals\"", "<svg id=\"queue\"",
                "<svg id=\"decisions\"", "02:11:22:33:44:55", "60 decisions");
        assertThat(page).doesNotContain("http://", "https://", "<script", "src=");
        assertThat(Files.getPosixFilePermissions(html)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        Path png = screenshot(html, dir.resolve("report.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        // The tiers' lines (blue, amber, purple) and the dashed critical line (red) are drawn.
        assertThat(pixelsNear(image, 0x1f6feb)).isGreaterThan(1500);
        assertThat(pixelsNear(image, 0xd29922)).isGreaterThan(1500);
        assertThat(pixelsNear(image, 0x8250df)).isGreaterThan(500);
        assertThat(pixelsNear(image, 0xcf222e)).isGreaterThan(200);
        Files.copy(png, Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Debian's Chromium, headless, from a file, with networking features off and a throw-away profile. */
    static Path screenshot(Path html, Path png) throws Exception {
        Path profile = Files.createTempDirectory(html.getParent(), "chromium-profile-");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=960,2560", "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(html.resolveSibling("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as(Files.readString(html.resolveSibling("chromium.log"))).exists();
        return png;
    }

    static int pixelsNear(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = (p >> 16 & 0xff) - (rgb >> 16 & 0xff);
                int dg = (p >> 8 & 0xff) - (rgb >> 8 & 0xff);
                int db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 40 * 40) {
                    n++;
                }
            }
        }
        return n;
    }
}
