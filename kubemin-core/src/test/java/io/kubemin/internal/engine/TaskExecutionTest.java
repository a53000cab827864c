package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A task run before its start is written: who writes, what the end expects, what holds it. */
class TaskExecutionTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

  private final Task queued =
      Task.waiting("t1", "app", "wf", "deploy", T0).withStatus(TaskStatus.QUEUED, T0);
  private final Task running = queued.withStatus(TaskStatus.RUNNING, T0.plusMillis(5));
  private final TaskExecution execution = new TaskExecution(running);

  @Test
  void aStartIsDueOnlyAfterTheDelayAndIsTakenOnce() {
    execution.deferStart(queued, "m1");
    long now = System.nanoTime();

    assertThat(execution.takeDueStart(TimeUnit.SECONDS.toNanos(1), now)).isNull();
    assertThat(execution.takeDueStart(0, now + TimeUnit.SECONDS.toNanos(1))).isEqualTo(queued);
    assertThat(execution.takeDueStart(0, now + TimeUnit.SECONDS.toNanos(2)))
        .as("a start being written is not taken again")
        .isNull();
    assertThat(execution.startWriteEnded(true)).isEqualTo("m1");
    assertThat(execution.startPending()).isFalse();
    assertThat(execution.rowBeforeEnd()).as("the end expects the running row").isEqualTo(running);
    assertThat(execution.takeUnacknowledged()).as("acknowledged with the start").isNull();
  }

  @Test
  void anEndBeforeTheStartTakesItsPlace() {
    execution.deferStart(queued, "m1");

    assertThat(execution.rowBeforeEnd()).as("the end expects the queued row").isEqualTo(queued);
    assertThat(execution.takeDueStart(0, System.nanoTime() + 1))
        .as("no start is written after the end took its place")
        .isNull();
    assertThat(execution.takeUnacknowledged()).isEqualTo("m1");
    assertThat(execution.takeUnacknowledged()).isNull();
  }

  @Test
  void aFailedStartWriteLeavesTheStartPendingForTheNextRound() {
    execution.deferStart(queued, "m1");
    assertThat(execution.takeStartNow()).isEqualTo(queued);

    assertThat(execution.startWriteEnded(null)).isNull();

    assertThat(execution.startPending()).isTrue();
    assertThat(execution.takeStartNow()).isEqualTo(queued);
  }

  @Test
  void theEndWaitsForAStartBeingWritten() throws Exception {
    execution.deferStart(queued, "m1");
    assertThat(execution.takeStartNow()).isEqualTo(queued);

    CompletableFuture<Task> expected = CompletableFuture.supplyAsync(execution::rowBeforeEnd);
    await()
        .during(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(1))
        .until(() -> !expected.isDone());
    execution.startWriteEnded(true);

    assertThat(expected.get(5, TimeUnit.SECONDS)).isEqualTo(running);
  }

  @Test
  void aWrittenStartLeavesOnlyTheLeaseHoldingTheTask() {
    long read = System.nanoTime();
    execution.leaseWritten(read, Duration.ofSeconds(60), Duration.ZERO); // the message's hold

    execution.leaseReplaced(System.nanoTime(), Duration.ofSeconds(3), Duration.ofMillis(600));

    assertThat(execution.leaseLeft()).isLessThanOrEqualTo(Duration.ofMillis(2400));
    assertThat(execution.leaseHeld()).isTrue();
  }
}
