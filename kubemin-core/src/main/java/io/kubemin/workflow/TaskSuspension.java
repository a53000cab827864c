package io.kubemin.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stop of a task at a {@code suspend} step (an approval gate), as stored: written when the task
 * reaches the step, completed by {@code resume}. A task has one per suspend step it reached.
 *
 * @param taskId the task
 * @param appId its application
 * @param step the suspend step's name
 * @param message the step's message for the person who resumes it, or null
 * @param attempt the task's attempt that reached the step
 * @param suspendedAt when the task stopped there
 * @param deadline when the wait times out (the task then ends {@code timeout}); null for never
 * @param stepsDone the steps that had completed when the task stopped: they do not run again after
 *     the resume
 * @param resumedBy who resumed it, or null while it waits (or when it timed out or was cancelled)
 * @param resumedAt when it was resumed, or null
 */
public record TaskSuspension(
    String taskId,
    String appId,
    String step,
    String message,
    int attempt,
    Instant suspendedAt,
    Instant deadline,
    List<String> stepsDone,
    String resumedBy,
    Instant resumedAt) {

  public TaskSuspension {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(suspendedAt, "suspendedAt");
    stepsDone = stepsDone == null ? List.of() : List.copyOf(stepsDone);
  }

  /** Whether it was resumed. */
  public boolean resumed() {
    return resumedAt != null;
  }

  /** This suspension resumed by {@code by} at {@code at}. */
  public TaskSuspension withResume(String by, Instant at) {
    return new TaskSuspension(
        taskId, appId, step, message, attempt, suspendedAt, deadline, stepsDone, by, at);
  }
}
