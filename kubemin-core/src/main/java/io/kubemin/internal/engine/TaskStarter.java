package io.kubemin.internal.engine;

import io.kubemin.internal.plan.PlanInputs;
import io.kubemin.internal.plan.Planner;
import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.spi.DispatchMessage;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.TaskChange;
import io.kubemin.spi.TasksWithInputs;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  private final Planner planner;
  private final Map<String, TaskExecution> running = new ConcurrentHashMap<>();
  private final Consumer<TaskExecution> launch;
  private final Consumer<Task> cancelledBeforeStart;
  private final DeferredStarts deferredStarts;

  /**
   * @param launch runs a started task (which holds a slot until its jobs are over)
   * @param cancelledBeforeStart told of a task cancelled before it started
   */
  TaskStarter(
      EngineParts parts,
      Planner planner,
      Consumer<TaskExecution> launch,
      Consumer<Task> cancelledBeforeStart) {
    this.parts = parts;
    this.planner = planner;
    this.launch = launch;
    this.cancelledBeforeStart = cancelledBeforeStart;
    this.deferredStarts = new DeferredStarts(parts, running.values());
  }

  /** The writer of the starts of tasks that run before their start is written. */
  DeferredStarts deferredStarts() {
    return deferredStarts;
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
    return key(task.id(), task.attempt());
  }

  private static String key(String taskId, int attempt) {
    return taskId + "#" + attempt;
  }

  /**
   * Handles messages read together: where the store prefers batches, one store call starts their
   * tasks durably and reads them with their plans' inputs; elsewhere one read for their tasks and
   * their starts one by one. One acknowledgement. Returns how many started a task (each then holds
   * a slot).
   */
  int handleAll(List<QueueMessage> messages, long readSent) {
    Map<QueueMessage, DispatchMessage> offers = new LinkedHashMap<>();
    for (QueueMessage message : messages) {
      DispatchMessage dispatch = decode(message);
      if (dispatch != null) {
        offers.put(message, dispatch);
      }
    }
    if (offers.isEmpty()) {
      return 0;
    }
    if (parts.store().prefersBatches()) {
      return startTogether(offers, readSent);
    }
    List<String> ids = offers.values().stream().map(DispatchMessage::taskId).toList();
    Map<String, Task> tasks = byId(parts.store().findTasks(ids));
    List<String> acks = new ArrayList<>();
    List<QueueMessage> startMessages = new ArrayList<>();
    List<TaskExecution> executions = new ArrayList<>();
    for (Map.Entry<QueueMessage, DispatchMessage> offer : offers.entrySet()) {
      QueueMessage message = offer.getKey();
      Task task = tasks.get(offer.getValue().taskId());
      String key = task == null ? null : key(task);
      if (task == null
          || task.status() != TaskStatus.QUEUED
          || task.attempt() != offer.getValue().attempt()
          || running.containsKey(key)) {
        acks.add(message.id());
      } else if (task.cancelRequested()) {
        cancelBeforeStart(task);
        acks.add(message.id());
      } else {
        TaskExecution execution = execution(task, message);
        running.put(key, execution);
        executions.add(execution);
        startMessages.add(message);
      }
    }
    int started = 0;
    try {
      started = start(executions, startMessages, acks);
    } finally {
      ack(acks);
    }
    return started;
  }

  /**
   * Where every store call is a round trip: messages read for the first time run their tasks before
   * the start is written ({@link DeferredStarts}), after one read of the tasks with their plans'
   * inputs; the others' tasks are started, read back with their inputs and made durable in one
   * call. A task queued with a cancel request is cancelled before it starts; every other message is
   * acknowledged and dropped (its task ended, moved on, or runs here already).
   */
  private int startTogether(Map<QueueMessage, DispatchMessage> offers, long readSent) {
    List<String> acks = new ArrayList<>();
    List<TaskExecution> launched = new ArrayList<>();
    Map<QueueMessage, DispatchMessage> toStart =
        deferredStarts.on() ? runBeforeStart(offers, readSent, launched, acks) : offers;
    if (!toStart.isEmpty()) {
      startDurably(toStart, launched, acks);
    }
    ack(acks);
    launched.forEach(launch);
    return launched.size();
  }

  /**
   * Reads the tasks of first deliveries with their inputs and takes those still queued, recently
   * claimed, as running here with their start not written; returns the offers to start durably
   * (later deliveries, and tasks queued for longer than {@code claimIdle}: the dispatcher may have
   * offered those again).
   */
  private Map<QueueMessage, DispatchMessage> runBeforeStart(
      Map<QueueMessage, DispatchMessage> offers,
      long readSent,
      List<TaskExecution> launched,
      List<String> acks) {
    Map<QueueMessage, DispatchMessage> firstDeliveries = new LinkedHashMap<>();
    Map<QueueMessage, DispatchMessage> toStart = new LinkedHashMap<>();
    offers.forEach(
        (message, offer) ->
            (message.deliveries() == 1 ? firstDeliveries : toStart).put(message, offer));
    if (firstDeliveries.isEmpty()) {
      return toStart;
    }
    TasksWithInputs read =
        parts
            .store()
            .findTasksWithInputs(
                firstDeliveries.values().stream().map(DispatchMessage::taskId).toList());
    Map<String, Task> tasks = byId(read.tasks());
    Map<String, PlanInputs> inputs = planner.inputsOf(read);
    EngineSettings settings = parts.settings();
    Instant now = parts.now();
    Instant claimedRecently = now.minus(settings.claimIdle());
    for (Map.Entry<QueueMessage, DispatchMessage> offer : firstDeliveries.entrySet()) {
      QueueMessage message = offer.getKey();
      Task task = tasks.get(offer.getValue().taskId());
      if (task == null
          || task.status() != TaskStatus.QUEUED
          || task.attempt() != offer.getValue().attempt()
          || running.containsKey(key(task))) {
        acks.add(message.id());
      } else if (task.cancelRequested()) {
        cancelBeforeStart(task);
        acks.add(message.id());
      } else if (task.updatedAt() == null || task.updatedAt().isBefore(claimedRecently)) {
        toStart.put(message, offer.getValue());
      } else {
        TaskExecution execution = execution(runningHere(task, now, settings), message);
        execution.inputs(inputs.get(task.id()));
        deferredStarts.deferred(execution, task, message.id(), readSent);
        running.put(key(task), execution);
        launched.add(execution);
      }
    }
    return toStart;
  }

  /**
   * Starts the offers' tasks, reads them back with their plans' inputs and makes the starts durable
   * in one call; those this worker started join {@code launched}, every message joins {@code acks}.
   */
  private void startDurably(
      Map<QueueMessage, DispatchMessage> offers, List<TaskExecution> launched, List<String> acks) {
    Map<String, Integer> attempts = new LinkedHashMap<>();
    for (DispatchMessage offer : offers.values()) {
      if (!running.containsKey(key(offer.taskId(), offer.attempt()))) {
        attempts.put(offer.taskId(), offer.attempt());
      }
    }
    EngineSettings settings = parts.settings();
    Instant now = parts.now();
    Instant leaseUntil = now.plus(settings.taskLease());
    long sent = System.nanoTime();
    TasksWithInputs read =
        attempts.isEmpty()
            ? new TasksWithInputs(List.of(), List.of(), List.of(), List.of())
            : parts
                .store()
                .startQueuedTasks(
                    attempts,
                    settings.instanceId(),
                    now,
                    leaseUntil,
                    settings.taskTimeout() == null ? null : now.plus(settings.taskTimeout()));
    Map<String, Task> tasks = byId(read.tasks());
    Map<String, PlanInputs> inputs = planner.inputsOf(read);
    for (Map.Entry<QueueMessage, DispatchMessage> offer : offers.entrySet()) {
      QueueMessage message = offer.getKey();
      Task task = tasks.get(offer.getValue().taskId());
      acks.add(message.id());
      if (task == null
          || task.attempt() != offer.getValue().attempt()
          || running.containsKey(key(task))) {
        continue;
      }
      if (startedHere(task, now, leaseUntil)) {
        TaskExecution execution = execution(task, message);
        execution.inputs(inputs.get(task.id()));
        execution.leaseWritten(sent, settings.taskLease(), settings.leaseMargin());
        running.put(key(task), execution);
        launched.add(execution);
      } else if (task.status() == TaskStatus.QUEUED && task.cancelRequested()) {
        cancelBeforeStart(task);
      }
    }
  }

  /**
   * Takes on a task an exec inserted running and leased to this instance ({@link LocalStart}): it
   * is one of the running tasks (its lease renewed by the heartbeat) from now on.
   *
   * @param sentNanos when the insert that wrote its lease was sent
   */
  TaskExecution adopt(Task running, PlanInputs inputs, String traceparent, long sentNanos) {
    EngineSettings settings = parts.settings();
    TaskExecution execution = new TaskExecution(running);
    execution.inputs(inputs);
    if (parts.tracing().on()) {
      execution.traceparent(traceparent);
      execution.deliveredAt(parts.clock().instant());
    }
    execution.leaseWritten(sentNanos, settings.taskLease(), settings.leaseMargin());
    this.running.put(key(running), execution);
    return execution;
  }

  private static Map<String, Task> byId(List<Task> tasks) {
    Map<String, Task> byId = new HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    return byId;
  }

  /** The live handle of a task read from {@code message}, carrying its trace context. */
  private TaskExecution execution(Task task, QueueMessage message) {
    TaskExecution execution = new TaskExecution(task);
    if (parts.tracing().on()) {
      execution.traceparent(message.headers().get(EngineTracing.TRACEPARENT));
      execution.deliveredAt(parts.clock().instant());
    }
    return execution;
  }

  /** Whether the task reads as this worker's start at {@code now} wrote it. */
  private boolean startedHere(Task task, Instant now, Instant leaseUntil) {
    return task.status() == TaskStatus.RUNNING
        && parts.settings().instanceId().equals(task.owner())
        && now.equals(task.updatedAt())
        && leaseUntil.equals(task.leaseUntil());
  }

  private DispatchMessage decode(QueueMessage message) {
    DispatchMessage dispatch;
    try {
      dispatch = DispatchMessage.decode(message.payload());
    } catch (IllegalArgumentException e) {
      parts.queue().deadLetter(GROUP, message, e.getMessage());
      return null;
    }
    if (message.deliveries() > parts.settings().maxDeliveries()) {
      parts
          .queue()
          .deadLetter(
              GROUP, message, "delivered " + message.deliveries() + " times without starting");
      return null;
    }
    return dispatch;
  }

  private void cancelBeforeStart(Task task) {
    Task cancelled =
        parts.states().finish(task, TaskStatus.CANCELLED, task.cancelReason(), parts.now());
    if (cancelled != null) {
      cancelledBeforeStart.accept(cancelled);
    }
  }

  /**
   * Starts the tasks (queued -> running) in one batch; acknowledges each message handled. A task is
   * launched only once its start is durable, so no job runs for a task this worker does not own.
   */
  private int start(
      List<TaskExecution> executions, List<QueueMessage> messages, List<String> acks) {
    if (executions.isEmpty()) {
      return 0;
    }
    List<TaskChange> changes = startChanges(executions);
    long sent = System.nanoTime();
    List<Boolean> matched;
    try {
      matched = write(changes);
    } catch (RuntimeException e) {
      executions.forEach(x -> running.remove(key(x.task()), x));
      throw e;
    }
    return executions.size() - launch(executions, messages, changes, matched, sent, acks);
  }

  /**
   * Launches the tasks whose start matched, acknowledging every message (and the ones in {@code
   * acks}); returns how many did not start.
   */
  private int launch(
      List<TaskExecution> executions,
      List<QueueMessage> messages,
      List<TaskChange> changes,
      List<Boolean> matched,
      long sent,
      List<String> acks) {
    EngineSettings settings = parts.settings();
    List<TaskExecution> launched = new ArrayList<>();
    for (int i = 0; i < executions.size(); i++) {
      TaskExecution execution = executions.get(i);
      acks.add(messages.get(i).id());
      if (matched.get(i)) {
        execution.task(changes.get(i).next());
        execution.leaseWritten(sent, settings.taskLease(), settings.leaseMargin());
        launched.add(execution);
      } else {
        running.remove(key(execution.task()), execution);
      }
    }
    ack(acks);
    acks.clear();
    launched.forEach(launch);
    return executions.size() - launched.size();
  }

  /** The queued -> running change of each task, leased to this instance. */
  private List<TaskChange> startChanges(List<TaskExecution> executions) {
    Instant now = parts.now();
    EngineSettings settings = parts.settings();
    List<TaskChange> changes = new ArrayList<>(executions.size());
    for (TaskExecution execution : executions) {
      Task queued = execution.task();
      changes.add(TaskChange.of(queued, runningHere(queued, now, settings)));
    }
    return changes;
  }

  /**
   * The task as this instance starts it at {@code now}: running, leased here, with its deadline
   * (kept, or the task timeout from now).
   */
  static Task runningHere(Task task, Instant now, EngineSettings settings) {
    Instant deadline = task.deadline();
    if (deadline == null && settings.taskTimeout() != null) {
      deadline = now.plus(settings.taskTimeout());
    }
    return task.withStatus(TaskStatus.RUNNING, now)
        .withLease(settings.instanceId(), now.plus(settings.taskLease()))
        .withStart(now, deadline);
  }

  /** Each change as its own compare-and-set (a store that does not prefer batches). */
  private List<Boolean> write(List<TaskChange> changes) {
    // Such a store answers fast: each task reads its own inputs on its own thread.
    List<Boolean> matched = new ArrayList<>(changes.size());
    for (TaskChange change : changes) {
      matched.add(
          parts
              .store()
              .compareAndSet(
                  change.taskId(),
                  change.expectedStatus(),
                  change.expectedAttempt(),
                  change.next()));
    }
    return matched;
  }

  /** Forgets a task that ended. */
  void ended(TaskExecution execution) {
    // By its key first; the search of every value stays for an execution whose task changed key.
    if (!running.remove(key(execution.task()), execution)) {
      running.values().remove(execution);
    }
  }

  private void ack(List<String> ids) {
    DeferredStarts.acknowledge(parts, ids);
  }
}
