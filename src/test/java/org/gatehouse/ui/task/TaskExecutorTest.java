package org.gatehouse.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task abstraction's rules, without an FX toolkit: latest wins, cancel drops, progress and running are shown. */
class TaskExecutorTest {

    @Test
    void anOlderRunThatFinishesLastDoesNotReplaceTheNewerResult() {
        ControlledTaskExecutor tasks = new ControlledTaskExecutor();
        List<String> shown = new ArrayList<>();
        tasks.execute(BackgroundTask.wrap(() -> "rows of »Zoë«").latestWins("search").onSuccess(shown::add));
        tasks.execute(BackgroundTask.wrap(() -> "rows of »Zoë K«").latestWins("search").onSuccess(shown::add));
        tasks.runWaiting(1); // the newer query answers first
        tasks.runWaiting(0); // then the slow older one
        assertThat(shown).containsExactly("rows of »Zoë K«");
    }

    @Test
    void differentKeysDoNotCancelEachOther() {
        ControlledTaskExecutor tasks = new ControlledTaskExecutor();
        List<String> shown = new ArrayList<>();
        tasks.execute(BackgroundTask.wrap(() -> "trail").latestWins("trail").onSuccess(shown::add));
        tasks.execute(BackgroundTask.wrap(() -> "queue").latestWins("queue").onSuccess(shown::add));
        tasks.runAll();
        assertThat(shown).containsExactly("trail", "queue");
    }

    @Test
    void aCancelledRunDeliversNothingAndItsWorkSeesTheCancel() {
        ControlledTaskExecutor tasks = new ControlledTaskExecutor();
        List<String> events = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.<String>withProgress(p -> p.cancelled() ? "noticed" : "ran")
                .onSuccess(events::add).onException(e -> events.add("failed")).onFinished(() -> events.add("finished"));
        TaskHandle handle = tasks.execute(task);
        assertThat(task.runningProperty().get()).isTrue();
        handle.cancel();
        tasks.runAll();
        assertThat(events).isEmpty();
        assertThat(handle.isDone()).isTrue();
        assertThat(task.runningProperty().get()).isFalse();
    }

    @Test
    void progressRunningStateAndFailuresReachTheCaller() {
        TaskExecutor tasks = TaskExecutor.sameThread();
        List<String> events = new ArrayList<>();
        BackgroundTask<Integer> task = BackgroundTask.<Integer>withProgress(p -> {
            p.update("Importing 1 of 2 — Ünïcode", 0.5);
            throw new IllegalStateException("line 2: bad MAC");
        }).onRunning(() -> events.add("running")).onSuccess(n -> events.add("ok"))
                .onException(e -> events.add("failed: " + e.getMessage())).onFinished(() -> events.add("finished"));
        tasks.execute(task);
        assertThat(events).containsExactly("running", "failed: line 2: bad MAC", "finished");
        assertThat(task.messageProperty().get()).isEqualTo("Importing 1 of 2 — Ünïcode");
        assertThat(task.progressProperty().get()).isEqualTo(0.5);
        assertThat(task.runningProperty().get()).isFalse();
    }

    @Test
    void aSameThreadExecutorIsItsOwnLane() {
        TaskExecutor tasks = TaskExecutor.sameThread();
        assertThat(tasks.lane("switch")).isSameAs(tasks);
    }
}
