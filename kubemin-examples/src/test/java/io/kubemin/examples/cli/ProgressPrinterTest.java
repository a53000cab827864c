package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code kubemin deploy} prints when its task stops at an approval gate and goes on. */
class ProgressPrinterTest {
  @Test
  void aSuspendedTaskSaysWhereItWaitsAndForHowLong() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text, true));
    Instant at = Instant.parse("2026-12-06T10:00:00Z");
    TaskSuspension gate =
        new TaskSuspension(
            "task-1",
            "app-1",
            "approve",
            "check the migration",
            1,
            at,
            at.plus(Duration.ofHours(24)),
            List.of("database"),
            null,
            null);

    printer.taskSuspended(
        new TaskEvent(
            "task-1", "app-1", "wf", TaskStatus.SUSPENDED, 1, 2, 1, null, Duration.ZERO, at),
        gate);
    printer.taskResumed(
        new TaskEvent(
            "task-1", "app-1", "wf", TaskStatus.WAITING, 2, 0, 0, null, Duration.ZERO, at),
        gate.withResume("alice", at));

    assertThat(text.toString())
        .contains(
            "task task-1 suspended at step approve: check the migration (waits for a resume until"
                + " 2026-12-07T10:00:00Z)")
        .contains("task task-1 resumed by alice");
  }
}
