package io.kubemin.examples.cli;

import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskSuspension;
import io.kubemin.workflow.WorkflowListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Prints jobs as they start and finish, and lets the command wait for a task's end. */
final class ProgressPrinter implements WorkflowListener {
  private final PrintWriter out;
  private final long startNanos = System.nanoTime();
  private final Map<String, CompletableFuture<TaskEvent>> finished = new ConcurrentHashMap<>();

  ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void taskStarted(TaskEvent event) {
    line("task " + event.taskId() + " started (attempt " + event.attempt() + ")");
  }

  @Override
  public void taskFinished(TaskEvent event) {
    line(
        "task "
            + event.taskId()
            + " "
            + event.status().jsonName()
            + " ("
            + event.jobsDone()
            + "/"
            + event.jobsPlanned()
            + " jobs)"
            + (event.error() == null ? "" : ": " + event.error()));
    finished.computeIfAbsent(event.taskId(), id -> new CompletableFuture<>()).complete(event);
  }

  @Override
  public void taskSuspended(TaskEvent event, TaskSuspension gate) {
    line(
        "task "
            + event.taskId()
            + " suspended at step "
            + gate.step()
            + (gate.message() == null ? "" : ": " + gate.message())
            + " (waits for a resume"
            + (gate.deadline() == null ? "" : " until " + gate.deadline())
            + ")");
  }

  @Override
  public void taskResumed(TaskEvent event, TaskSuspension gate) {
    line("task " + event.taskId() + " resumed by " + gate.resumedBy());
  }

  @Override
  public void jobStarted(JobEvent event) {
    line(
        String.format(
            "%-14s %-22s %-30s started",
            event.stepName(), event.kind().kubernetesKind(), event.jobName()));
  }

  @Override
  public void jobFinished(JobEvent event) {
    String outcome = event.status().jsonName() + " in " + event.duration().toMillis() + " ms";
    if (event.status() != JobStatus.COMPLETED && event.error() != null) {
      outcome += ": " + event.error();
    }
    line(
        String.format(
            "%-14s %-22s %-30s %s",
            event.stepName(), event.kind().kubernetesKind(), event.jobName(), outcome));
  }

  /** Waits until the task ends and returns its final event. */
  TaskEvent awaitFinished(String taskId, Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return finished
          .computeIfAbsent(taskId, id -> new CompletableFuture<>())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void line(String text) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    synchronized (out) {
      out.printf("[%6.2fs] %s%n", seconds, text);
      out.flush();
    }
  }
}
