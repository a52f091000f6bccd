package org.gatehouse.testing;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** The README's screenshots: a scene as JavaFX renders it, written as PNG (from any thread; waits for the FX thread). */
public final class ScenePng {
    private ScenePng() {
    }

    public static void write(Scene scene, Path file) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                WritableImage img = scene.snapshot(null);
                int w = (int) img.getWidth();
                int h = (int) img.getHeight();
                int[] argb = new int[w * h];
                img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
                BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                png.setRGB(0, 0, w, h, argb, 0, w);
                ImageIO.write(png, "png", file.toFile());
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        done.get();
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
