package io.kubemin.internal.app;

import io.kubemin.ApplicationNotFoundException;
import io.kubemin.EmptyWorkflowException;
import io.kubemin.ExecOptions;
import io.kubemin.Ids;
import io.kubemin.TaskConflictException;
import io.kubemin.TaskNotFoundException;
import io.kubemin.WorkflowNotFoundException;
import io.kubemin.internal.engine.Engine;
import io.kubemin.internal.engine.EngineParts;
import io.kubemin.internal.engine.Gates;
import io.kubemin.internal.engine.LocalStart;
import io.kubemin.internal.engine.TaskEvents;
import io.kubemin.internal.plan.PlanInputs;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.validation.TextLimits;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Duration;
import java.util.List;

/** Starts, cancels and lists tasks. */
public final class TaskService {
  private static final int CANCEL_ROUNDS = 5;

  private final EngineParts parts;
  private final ApplicationService apps;
  private final Engine engine;

  public TaskService(EngineParts parts, ApplicationService apps, Engine engine) {
    this.parts = parts;
    this.apps = apps;
    this.engine = engine;
  }

  /** Creates a waiting task for a workflow of the application and offers it at once. */
  public String exec(String appId, ExecOptions options) {
    if (!parts.tracing().on()) {
      return exec(appId, options, null, true);
    }
    try (TraceSpan span =
        parts
            .tracing()
            .start(TraceNames.EXEC, SpanKind.INTERNAL)
            .attribute(TraceNames.APP_ID, appId)
            .attribute(TraceNames.INSTANCE, parts.settings().instanceId())) {
      try {
        String taskId = exec(appId, options, span, true);
        span.attribute(TraceNames.TASK_ID, taskId);
        return taskId;
      } catch (RuntimeException e) {
        span.failed(e.getClass().getSimpleName());
        throw e;
      }
    }
  }

  /**
   * The exec; its trace context is stored with the task when {@code span} is given. With {@code
   * useKnown}, the default workflow known here is taken without a listing.
   */
  private String exec(String appId, ExecOptions options, TraceSpan span, boolean useKnown) {
    String workflowId = options.workflowId();
    // The default workflow as this instance knows it needs no read: the insert checks that it is
    // still the application's first (and goes again after a listing when not).
    boolean byKnown = useKnown && workflowId == null;
    PlanInputs knownInputs = byKnown ? apps.knownFirstWorkflowInputs(appId).orElse(null) : null;
    WorkflowRecord known =
        knownInputs != null
            ? knownInputs.workflow()
            : byKnown ? apps.knownFirstWorkflow(appId).orElse(null) : null;
    // The default workflow comes with the listing; only an explicit id needs its own read. The
    // application's existence is checked inside the insert's transaction, and read here only to
    // tell a missing application from a missing workflow.
    WorkflowRecord workflow =
        (known != null
                ? java.util.Optional.of(known)
                : workflowId == null
                    ? apps.defaultWorkflow(appId)
                    : parts.store().findWorkflow(workflowId))
            .filter(w -> w.appId().equals(appId))
            .orElseThrow(
                () -> {
                  apps.record(appId);
                  return new WorkflowNotFoundException(
                      appId, workflowId == null ? "(default)" : workflowId);
                });
    if (workflow.steps().isEmpty()) {
      throw new EmptyWorkflowException(workflow.id());
    }
    Task task = Task.waiting(Ids.newId(), appId, workflow.id(), workflow.name(), parts.now());
    // On the leader the task is born claimed: one store write less per task than waiting -> queued.
    boolean claimed = !options.behindActive() && engine.claimsAtCreation();
    // With its plan's inputs known here and a free slot, it is born running and runs here at once.
    LocalStart localStart = claimed && knownInputs != null ? engine.tryLocalStart() : null;
    try {
      return insert(appId, options, span, task, claimed, known, knownInputs, localStart);
    } finally {
      if (localStart != null) {
        localStart.release();
      }
    }
  }

  private String insert(
      String appId,
      ExecOptions options,
      TraceSpan span,
      Task created,
      boolean claimed,
      WorkflowRecord known,
      PlanInputs knownInputs,
      LocalStart localStart) {
    Task task =
        localStart != null
            ? localStart.started(created)
            : claimed ? created.withStatus(TaskStatus.QUEUED, created.createdAt()) : created;
    int limit = options.behindActive() ? 0 : parts.settings().maxActiveTasksPerApp();
    // The application's existence and the insert in one transaction, so that a delete running at
    // the same time either sees this task (and refuses) or happens before it (and exec fails).
    String traceparent = span == null ? null : span.traceparent();
    TaskInsertion insertion =
        known == null
            ? parts.store().insertTaskOfApplication(task, limit, traceparent)
            : parts
                .store()
                .insertTasksOfApplications(
                    List.of(
                        new NewTask(
                            task,
                            limit,
                            traceparent,
                            known,
                            localStart == null
                                ? null
                                : knownInputs.application().record().updatedAt())))
                .get(0);
    if (known != null && insertion == TaskInsertion.LIMIT_REACHED) {
      // Nothing was written: the limit holds, or the workflow or application known here changed.
      // Go again after reading the workflows; a limit that holds is reported by that exec (and
      // what is known here stays).
      if (localStart != null) {
        localStart.release();
      }
      String taskId = exec(appId, options, span, false);
      // It went in after the read: what was known of the application here was out of date.
      apps.forgetKnownApplication(appId);
      return taskId;
    }
    if (insertion == TaskInsertion.APPLICATION_MISSING) {
      throw new ApplicationNotFoundException(appId);
    }
    boolean inserted = insertion == TaskInsertion.INSERTED;
    if (!inserted) {
      String active =
          parts.store().listTasks(appId).stream()
              .filter(t -> t.status().active())
              .map(Task::id)
              .findFirst()
              .orElse(null);
      throw new TaskConflictException(
          appId,
          active,
          "application '"
              + appId
              + "' already has "
              + limit
              + " active task(s) ("
              + active
              + "); cancel it, wait for it, or exec with ExecOptions.queueBehind()");
    }
    if (localStart != null) {
      localStart.launch(task, knownInputs, traceparent);
    } else if (claimed) {
      engine.offerClaimed(task);
    } else {
      engine.offer(task, options.behindActive());
    }
    return task.id();
  }

  /**
   * Cancels a task: durable in the store; a waiting, queued or suspended task ends {@code
   * cancelled} at once and never starts (again), a running one stops within a second here and
   * within one heartbeat elsewhere.
   *
   * @return the task after the request (still {@code running} while its jobs stop)
   */
  public Task cancel(String appId, String taskId, String user, String reason) {
    TextLimits.require(TextLimits.SHORT_TEXT, "user", user);
    TextLimits.require(TextLimits.LONG_TEXT, "reason", reason);
    Task task = find(taskId);
    if (!task.appId().equals(appId)) {
      throw new TaskNotFoundException(taskId, "does not belong to application '" + appId + "'");
    }
    String by = user == null || user.isBlank() ? "system" : user;
    String why = reason == null || reason.isBlank() ? "cancelled by " + by : reason;
    if (task.status().terminal() || !parts.store().requestCancel(taskId, by, why, parts.now())) {
      return find(taskId);
    }
    for (int round = 0; round < CANCEL_ROUNDS; round++) {
      Task current = find(taskId);
      switch (current.status()) {
        case WAITING, QUEUED, SUSPENDED -> {
          if (current.status() == TaskStatus.QUEUED && engine.cancelLocally(taskId, why)) {
            // It runs here before its start was written: its jobs stop and its end says so.
            return current;
          }
          Task cancelled = parts.states().finish(current, TaskStatus.CANCELLED, why, parts.now());
          if (cancelled != null) {
            parts.listener().taskFinished(TaskEvents.of(cancelled, parts.now()));
            engine.taskEnded(cancelled);
            return cancelled;
          }
        }
        case RUNNING -> {
          engine.cancelLocally(taskId, why);
          return current;
        }
        default -> {
          return current;
        }
      }
    }
    return find(taskId);
  }

  /**
   * Resumes a suspended task: it goes back to {@code waiting} with the next attempt, is offered at
   * once when this instance dispatches, and goes on after its suspend step on whichever worker
   * takes it.
   *
   * @return the task as written ({@code waiting})
   */
  public Task resume(String taskId, String user) {
    TextLimits.require(TextLimits.SHORT_TEXT, "user", user);
    String by = user == null || user.isBlank() ? "system" : user;
    Task task = find(taskId);
    Task waiting = Gates.resume(parts, task, by);
    TaskSuspension suspension =
        parts.store().listSuspensions(taskId).stream()
            .filter(s -> by.equals(s.resumedBy()))
            .reduce((first, second) -> second)
            .orElse(null);
    parts.listener().taskResumed(TaskEvents.of(waiting, parts.now()), suspension);
    engine.offer(waiting, true);
    return waiting;
  }

  /** The suspensions of a task (one per suspend step it reached), oldest first. */
  public List<TaskSuspension> suspensions(String taskId) {
    find(taskId);
    try {
      return parts.store().listSuspensions(taskId);
    } catch (UnsupportedOperationException e) {
      return List.of(); // such a store fails every task that reaches a suspend step
    }
  }

  /** The tasks of an application, newest first. */
  public List<Task> tasks(String appId) {
    apps.record(appId);
    return parts.store().listTasks(appId);
  }

  /**
   * Waits until the task has ended or the timeout passed, reading the store with a growing pause
   * (10 ms up to 200 ms), so it works wherever the task runs.
   *
   * @return the task as it is then
   */
  public Task await(String taskId, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    long pauseMillis = 10;
    Task task = find(taskId);
    while (!task.status().terminal() && System.nanoTime() - end < 0) {
      Thread.sleep(Math.min(pauseMillis, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      pauseMillis = Math.min(200, pauseMillis * 2);
      task = find(taskId);
    }
    return task;
  }

  /** The job records of a task, in the order the jobs ended. */
  public List<JobRecord> jobs(String taskId) {
    find(taskId);
    return parts.store().listJobs(taskId);
  }

  /** The task. */
  public Task find(String taskId) {
    return parts
        .store()
        .findTask(taskId)
        .orElseThrow(() -> new TaskNotFoundException(taskId, "does not exist"));
  }
}
