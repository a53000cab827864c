package io.kubemin.internal.engine;

import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import java.time.Duration;
import java.time.Instant;

/** Builds {@link TaskEvent}s from a task's stored state. */
public final class TaskEvents {
  private TaskEvents() {}

  /** An event with the task's current state and no job progress. */
  public static TaskEvent of(Task task, Instant now) {
    return of(task, now, 0, 0);
  }

  /** An event with the task's current state and the jobs planned and done. */
  public static TaskEvent of(Task task, Instant now, int jobsPlanned, int jobsDone) {
    Instant started = task.startedAt() == null ? now : task.startedAt();
    return new TaskEvent(
        task.id(),
        task.appId(),
        task.workflowId(),
        task.status(),
        task.attempt(),
        jobsPlanned,
        jobsDone,
        task.error(),
        Duration.between(started, now),
        now);
  }
}
