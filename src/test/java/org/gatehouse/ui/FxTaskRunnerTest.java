package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.model.TaskRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The switch's lane keeps working while every shared thread is busy (a slow save must not starve the lease refresh, nor the reverse). */
class FxTaskRunnerTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aLaneRunsWhileTheSharedThreadsAreBusy() {
        CountDownLatch release = new CountDownLatch(1);
        try (FxTaskRunner tasks = new FxTaskRunner()) {
            for (int i = 0; i < 2; i++) {
                tasks.run(() -> release.await(10, java.util.concurrent.TimeUnit.SECONDS), r -> { }, e -> { });
            }
            TaskRunner lane = FxTaskRunner.laneOf(tasks, "switch");
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

    @Test
    void anyOtherRunnerIsUsedAsItIs() {
        TaskRunner same = TaskRunner.sameThread();
        assertThat(FxTaskRunner.laneOf(same, "switch")).isSameAs(same);
    }
}
