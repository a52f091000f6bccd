package org.gatehouse.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.AnomalyThresholds;
import org.gatehouse.policy.ChartSet;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;
import org.gatehouse.testing.HistoryGenerator;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.pools.PoolChartsView;
import org.gatehouse.ui.pools.PoolChartsViewModel;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Pools screen's "Over time" tab on a week of generated history, headless (Monocle), AtlantaFX
 * light theme, written as a PNG: {@code java -cp … org.gatehouse.bench.PoolChartsScreenshot FILE}.
 */
public final class PoolChartsScreenshot {
    private PoolChartsScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        Path out = Path.of(args.length > 0 ? args[0] : "target/pools-charts.png");
        Path dir = Files.createTempDirectory("gh-charts-shot-");
        Instant now = Instant.now();
        try (Database db = Database.open(dir.resolve("cache.db"))) {
            HistoryGenerator g = new HistoryGenerator(db, 2, 500);
            g.generate(now, 8);
            g.decisions(now, 7, 60);
            LeaseEvents events = new LeaseEvents(db);
            PoolHistory history = new PoolHistory(new PoolSamples(db), events,
                    new Anomalies(events, new AnomalyLog(db), AnomalyThresholds.DEFAULTS), Clock.systemUTC());
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
            CompletableFuture<BufferedImage> shot = new CompletableFuture<>();
            Platform.runLater(() -> {
                Theme.LIGHT.apply();
                PoolChartsViewModel model = new PoolChartsViewModel(Optional.of(history), TaskExecutor.sameThread(), Clock.systemUTC(),
                        ZoneOffset.UTC, a -> { });
                PoolChartsView view = new PoolChartsView(model, ZoneOffset.UTC);
                view.setStyle("-fx-padding: 12px;");
                Scene scene = new Scene(view, 1240, 900);
                scene.getStylesheets().add(PoolChartsView.class.getResource("/org/gatehouse/ui/gatehouse.css").toExternalForm());
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                model.rangeProperty().set(ChartSet.Range.WEEK);
                view.applyCss();
                view.layout();
                Platform.runLater(() -> shot.complete(image(scene.snapshot(null))));
            });
            ImageIO.write(shot.get(60, TimeUnit.SECONDS), "png", out.toFile());
            System.out.println("wrote " + out);
        }
        System.exit(0);
    }

    private static BufferedImage image(WritableImage fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.getArgb(x, y));
            }
        }
        return img;
    }
}
