package io.kubemin.internal.engine;

import io.kubemin.spi.DispatchMessage;
import io.kubemin.spi.QueueMessage;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a dispatch message into a running task: drops messages whose task is no longer queued with
 * that attempt, dead-letters garbage and messages delivered too often, and acknowledges a message
 * only after the task's state change is durable.
 */
final class TaskStarter {
  private static final Logger LOG = LoggerFactory.getLogger(TaskStarter.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private static final String GROUP = EngineSettings.WORKER_GROUP;

  private final EngineParts parts;
  private final Map<String, TaskExecution> running = new ConcurrentHashMap<>();
  private final Consumer<TaskExecution> launch;
  private final Consumer<Task> cancelledBeforeStart;

  TaskStarter(
      EngineParts parts, Consumer<TaskExecution> launch, Consumer<Task> cancelledBeforeStart) {
    this.parts = parts;
    this.launch = launch;
    this.cancelledBeforeStart = cancelledBeforeStart;
  }

  /**
   * The tasks this instance runs (or is about to start), by task id and attempt: a later attempt of
   * a task started here while an earlier one still winds down does not hide the earlier one from
   * the heartbeat, cancel and drain.
   */
  Map<String, TaskExecution> running() {
    return running;
  }

  /** The executions of a task on this instance (usually one; two while an old attempt ends). */
  List<TaskExecution> running(String taskId) {
    return running.values().stream().filter(e -> e.task().id().equals(taskId)).toList();
  }

  private static String key(Task task) {
    return task.id() + "#" + task.attempt();
  }

  /** Handles one message; returns whether it started a task (which then holds a slot). */
  boolean handle(QueueMessage message) {
    DispatchMessage dispatch;
    try {
      dispatch = DispatchMessage.decode(message.payload());
    } catch (IllegalArgumentException e) {
      parts.queue().deadLetter(GROUP, message, e.getMessage());
      return false;
    }
    if (message.deliveries() > parts.settings().maxDeliveries()) {
      parts
          .queue()
          .deadLetter(
              GROUP, message, "delivered " + message.deliveries() + " times without starting");
      return false;
    }
    Task task = parts.store().findTask(dispatch.taskId()).orElse(null);
    if (task == null
        || task.status() != TaskStatus.QUEUED
        || task.attempt() != dispatch.attempt()) {
      ack(message);
      return false;
    }
    if (task.cancelRequested()) {
      Task cancelled =
          parts.states().finish(task, TaskStatus.CANCELLED, task.cancelReason(), parts.now());
      ack(message);
      if (cancelled != null) {
        cancelledBeforeStart.accept(cancelled);
      }
      return false;
    }
    return start(task, message);
  }

  private boolean start(Task task, QueueMessage message) {
    TaskExecution execution = new TaskExecution(task);
    String key = key(task);
    running.put(key, execution);
    Instant now = parts.now();
    EngineSettings settings = parts.settings();
    long sent = System.nanoTime();
    Task started;
    try {
      started =
          parts
              .states()
              .start(
                  task,
                  settings.instanceId(),
                  now.plus(settings.taskLease()),
                  settings.taskTimeout() == null ? null : now.plus(settings.taskTimeout()),
                  now);
    } catch (RuntimeException e) {
      running.remove(key, execution);
      throw e;
    }
    if (started == null) {
      running.remove(key, execution);
      ack(message);
      return false;
    }
    execution.task(started);
    execution.leaseWritten(sent, settings.taskLease(), settings.leaseMargin());
    ack(message);
    launch.accept(execution);
    return true;
  }

  /** Forgets a task that ended. */
  void ended(TaskExecution execution) {
    running.values().remove(execution);
  }

  private void ack(QueueMessage message) {
    String kind = "acknowledging queue messages on instance " + parts.settings().instanceId();
    try {
      parts.queue().ack(GROUP, List.of(message.id()));
      FAILURES.succeeded(kind);
    } catch (RuntimeException e) {
      FAILURES.failed(
          kind, "message " + message.id() + " will be dropped when it is delivered again", e);
    }
  }
}
