package io.kubemin.internal.engine;

import io.kubemin.TaskNotSuspendedException;
import io.kubemin.spi.DataStore;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval gates ({@code suspend} steps) beyond the run itself: which steps a resumed task skips,
 * the resume, and ending suspended tasks that were cancelled or waited past their deadline.
 */
public final class Gates {
  private static final Logger LOG = LoggerFactory.getLogger(Gates.class);
  private static final int BATCH = 100;

  private Gates() {}

  /**
   * The steps a task does not run again: every resumed suspend step and the steps that had
   * completed when the task stopped there.
   *
   * @throws UnsupportedStoreException when the store cannot suspend tasks
   */
  static Set<String> passedSteps(DataStore store, String taskId) {
    List<TaskSuspension> suspensions;
    try {
      suspensions = store.listSuspensions(taskId);
    } catch (UnsupportedOperationException e) {
      throw new UnsupportedStoreException(e);
    }
    Set<String> passed = new HashSet<>();
    for (TaskSuspension suspension : suspensions) {
      if (suspension.resumed()) {
        passed.add(suspension.step());
        passed.addAll(suspension.stepsDone());
      }
    }
    return passed;
  }

  /**
   * suspended -> waiting with the next attempt, and the suspension marked resumed by {@code user},
   * in one transaction; the task's timeout starts again when a worker starts it.
   *
   * @return the task as written
   * @throws TaskNotSuspendedException when the task is not suspended (any more)
   */
  public static Task resume(EngineParts parts, Task task, String user) {
    if (task.status() != TaskStatus.SUSPENDED) {
      throw new TaskNotSuspendedException(task.id(), task.status());
    }
    Instant now = parts.now();
    Task waiting =
        task.withStatus(TaskStatus.WAITING, now).withAttempt(task.attempt() + 1).withDeadline(null);
    String step = openStep(parts.store(), task.id());
    boolean resumed =
        parts
            .store()
            .inTransaction(
                tx -> {
                  if (!tx.compareAndSet(task.id(), TaskStatus.SUSPENDED, task.attempt(), waiting)) {
                    return false;
                  }
                  if (step != null) {
                    tx.resumeSuspension(task.id(), step, user, now);
                  }
                  return true;
                });
    if (!resumed) {
      TaskStatus current =
          parts.store().findTask(task.id()).map(Task::status).orElse(TaskStatus.CANCELLED);
      throw new TaskNotSuspendedException(task.id(), current);
    }
    return waiting;
  }

  /** The suspend step a suspended task waits at: its newest suspension not resumed. */
  public static String openStep(DataStore store, String taskId) {
    List<TaskSuspension> all = store.listSuspensions(taskId);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (!all.get(i).resumed()) {
        return all.get(i).step();
      }
    }
    return null;
  }

  /**
   * Ends a suspended task whose cancel was requested: a cancel that was recorded while the task was
   * still running, just before it suspended, is not lost.
   */
  static void cancelIfRequested(EngineParts parts, Task suspended) {
    Task current = parts.store().findTask(suspended.id()).orElse(null);
    if (current != null
        && current.status() == TaskStatus.SUSPENDED
        && current.attempt() == suspended.attempt()
        && current.cancelRequested()) {
      end(parts, current, TaskStatus.CANCELLED, current.cancelReason());
    }
  }

  /**
   * Ends the suspended tasks that must end: cancelled ones (a backstop) and those past their
   * suspend step's deadline, {@code timeout}. Run by the leader with the reaper, so a deadline that
   * passed while no instance was up is acted on when one leads again.
   */
  static void endDue(EngineParts parts, java.util.function.Consumer<Task> ended) {
    Instant now = parts.now();
    for (Task task : parts.store().listSuspendedToEnd(now, BATCH)) {
      Task done;
      if (task.cancelRequested()) {
        done = end(parts, task, TaskStatus.CANCELLED, task.cancelReason());
      } else {
        String step = openStep(parts.store(), task.id());
        done =
            end(
                parts,
                task,
                TaskStatus.TIMEOUT,
                "suspend step '"
                    + (step == null ? "?" : step)
                    + "' was not resumed by its deadline "
                    + task.deadline());
      }
      if (done != null) {
        ended.accept(done);
      }
    }
  }

  private static Task end(EngineParts parts, Task suspended, TaskStatus status, String error) {
    Task ended = parts.states().finish(suspended, status, error, parts.now());
    if (ended != null) {
      LOG.info("suspended task {} {}: {}", suspended.id(), status.jsonName(), error);
      parts.listener().taskFinished(TaskEvents.of(ended, parts.now()));
    }
    return ended;
  }

  /** The store keeps no suspensions, so a workflow with a suspend step cannot run. */
  static final class UnsupportedStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedStoreException(UnsupportedOperationException cause) {
      super("the workflow has a suspend step, which this store cannot keep: " + cause.getMessage());
    }
  }
}
