package org.gatehouse.ui;

import org.junit.jupiter.api.Tag;
import org.gatehouse.ui.task.BackgroundTask;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.task.TaskHandle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.ui.task.TaskExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The switch's lane keeps working while every shared thread is busy (a slow save must not starve the lease refresh, nor the reverse). */
@Tag("gui")
class FxTaskExecutorTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aLaneRunsWhileTheSharedThreadsAreBusy() {
        CountDownLatch release = new CountDownLatch(1);
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            for (int i = 0; i < 2; i++) {
                tasks.run(() -> release.await(10, java.util.concurrent.TimeUnit.SECONDS), r -> { }, e -> { });
            }
            TaskExecutor lane = tasks.lane("switch");
            AtomicReference<String> ranOn = new AtomicReference<>();
            lane.run(() -> Thread.currentThread().getName(), ranOn::set, e -> ranOn.set("failed: " + e));
            await().atMost(Duration.ofSeconds(5)).until(() -> ranOn.get() != null);
            assertThat(ranOn.get()).startsWith("gatehouse-switch-");

            AtomicReference<String> shared = new AtomicReference<>();
            tasks.run(() -> "refreshed", shared::set, e -> shared.set("failed"));
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> "refreshed".equals(shared.get()));
        }
    }

    /** A task finishing as the window closes may start a follow-up refresh: it is dropped, not thrown on the FX thread. */
    @Test
    void workStartedAfterCloseIsDroppedNotThrown() {
        FxTaskExecutor tasks = new FxTaskExecutor();
        tasks.close();
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean succeeded = new java.util.concurrent.atomic.AtomicBoolean();
        BackgroundTask<String> task = BackgroundTask.wrap(() -> {
            ran.set(true);
            return "ran";
        }).onSuccess(r -> succeeded.set(true));
        TaskHandle handle = tasks.execute(task);
        assertThat(handle.isCancelled()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !task.runningProperty().get() && handle.isDone());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).isFalse();
        assertThat(succeeded).isFalse();
        assertThat(task.runningProperty().get()).isFalse();
    }

    @Test
    void oneLanePerNameSoSwitchWorkIsSerialised() {
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            assertThat(tasks.lane("switch")).isSameAs(tasks.lane("switch"));
            assertThat(tasks.lane("switch")).isNotSameAs(tasks.lane("export"));
        }
    }

    /** Real threads: the older run blocks on a latch until the newer one has been shown, then finishes; its rows never appear. */
    @Test
    void aSlowOlderRunNeverReplacesTheNewerOnTheFxThread() throws Exception {
        CountDownLatch olderMayFinish = new CountDownLatch(1);
        java.util.List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Boolean> onFx = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            TaskHandle older = tasks.execute(BackgroundTask.wrap(() -> {
                olderMayFinish.await(10, java.util.concurrent.TimeUnit.SECONDS);
                return "older";
            }).latestWins("audit").onSuccess(s -> { onFx.add(javafx.application.Platform.isFxApplicationThread()); shown.add(s); }));
            tasks.execute(BackgroundTask.wrap(() -> "newer").latestWins("audit")
                    .onSuccess(s -> { onFx.add(javafx.application.Platform.isFxApplicationThread()); shown.add(s); }));
            await().atMost(Duration.ofSeconds(5)).until(() -> shown.contains("newer"));
            olderMayFinish.countDown();
            await().atMost(Duration.ofSeconds(5)).until(older::isDone);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            assertThat(shown).containsExactly("newer");
            assertThat(onFx).containsOnly(true);
            assertThat(older.isCancelled()).isTrue();
        }
    }
}
