package io.kubemin.internal.engine;

import io.kubemin.internal.plan.PlanInputs;
import io.kubemin.internal.plan.Planner;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: queue consumers, a pool of task threads bounded by {@code maxConcurrentTasks},
 * and the heartbeat of the running tasks.
 */
final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final EngineParts parts;
  private final EngineThreads threads;
  private final Planner planner;
  private final Consumer<Task> taskEnded;
  private volatile ConfigsApplied configsApplied = (appId, updatedAt, names) -> {};
  private final Semaphore slots;
  private final TaskStarter starter;
  private final ExecutorService taskPool;
  private final List<QueueReader> readers = new ArrayList<>();
  private final List<Thread> readerThreads = new ArrayList<>();

  /** Tasks launched here whose run is not over (their end may still be being written). */
  private final Set<TaskExecution> finishing = new HashSet<>();

  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> startWriter;

  /** Whether execs may still start tasks here (false once the worker stops reading). */
  private volatile boolean acceptingLocalStarts = true;

  Worker(EngineParts parts, EngineThreads threads, Planner planner, Consumer<Task> taskEnded) {
    this.parts = parts;
    this.threads = threads;
    this.planner = planner;
    this.taskEnded = taskEnded;
    this.slots = new Semaphore(parts.settings().maxConcurrentTasks());
    // A slot bounds the tasks whose jobs run; a task whose jobs are over gives its slot back and
    // keeps its thread while its end is written, so the pool has a thread for every slot and one
    // for every task finishing.
    this.taskPool =
        Executors.newFixedThreadPool(
            2 * parts.settings().maxConcurrentTasks(),
            EngineThreadFactory.named("kubemin-task-" + parts.settings().instanceId()));
    this.starter = new TaskStarter(parts, planner, this::launch, this::cancelledBeforeStart);
  }

  void start() {
    for (int i = 0; i < parts.settings().workerThreads(); i++) {
      String consumer = parts.settings().instanceId() + "-" + i;
      QueueReader reader = new QueueReader(parts, consumer, slots, starter);
      Thread thread = EngineThreadFactory.named("kubemin-reader-" + consumer).newThread(reader);
      readers.add(reader);
      readerThreads.add(thread);
      thread.start();
    }
    long beatMillis = Math.max(1, parts.settings().heartbeatInterval().toMillis());
    heartbeat =
        threads
            .timer()
            .scheduleAtFixedRate(
                new Heartbeat(parts, running()), beatMillis, beatMillis, TimeUnit.MILLISECONDS);
    DeferredStarts deferredStarts = starter.deferredStarts();
    if (deferredStarts.on()) {
      long every = deferredStarts.period().toMillis();
      startWriter =
          threads.timer().scheduleAtFixedRate(deferredStarts, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** The tasks this instance runs. */
  Collection<TaskExecution> running() {
    return starter.running().values();
  }

  /** The executions of a task running here (empty when it does not run here). */
  List<TaskExecution> running(String taskId) {
    return starter.running(taskId);
  }

  /**
   * Takes a free task slot for a task an exec starts here ({@link LocalStart}); null when none is
   * free, a reader waits for one (the queue's tasks were there first), or the worker stops.
   */
  LocalStart tryLocalStart() {
    // Messages waiting for a slot go first: an exec takes one only while no reader waits for one.
    if (!acceptingLocalStarts
        || slots.hasQueuedThreads()
        || !(slots.tryAcquire() || readers.stream().anyMatch(QueueReader::lendSlot))) {
      return null;
    }
    return new LocalStart(parts, this);
  }

  /** Tells {@code listener} of the config components a task completed here marked running. */
  void onConfigsApplied(ConfigsApplied listener) {
    this.configsApplied = listener;
  }

  /** Gives back a slot taken by {@link #tryLocalStart()} for a task that did not start here. */
  void releaseSlot() {
    slots.release();
  }

  /**
   * Runs a task an exec inserted running and leased here, in the slot it took.
   *
   * @param sentNanos when the insert that wrote its lease was sent ({@link System#nanoTime()})
   */
  void launchStarted(Task running, PlanInputs inputs, String traceparent, long sentNanos) {
    TaskExecution execution = starter.adopt(running, inputs, traceparent, sentNanos);
    try {
      launch(execution);
    } catch (RuntimeException e) {
      starter.ended(execution);
      returnSlot(execution);
      LOG.warn(
          "task {} was started here while the worker stopped: its lease runs out and another"
              + " worker takes it",
          running.id(),
          e);
    }
  }

  /** Stops reading the queue; running tasks go on. */
  void stopReading() {
    acceptingLocalStarts = false;
    readers.forEach(QueueReader::stop);
    readerThreads.forEach(Thread::interrupt);
    for (Thread thread : readerThreads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Gives the queue back the consumers of this instance's readers (a graceful close): a queue that
   * outlives the engine must not keep a consumer no one reads holding messages or partitions.
   */
  void closeConsumers() {
    for (QueueReader reader : readers) {
      try {
        parts.queue().closeConsumer(EngineSettings.WORKER_GROUP, reader.consumer());
      } catch (RuntimeException e) {
        LOG.warn("closing queue consumer {} failed", reader.consumer(), e);
      }
    }
  }

  /** Stops renewing leases (a crashed worker's tasks are then taken back). */
  void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    if (startWriter != null) {
      startWriter.cancel(false);
    }
  }

  /**
   * Waits for running tasks to end; after {@code grace} hands the rest back to {@code waiting} and
   * waits a little more for them to let go.
   */
  void drain(Duration grace) {
    if (!awaitIdle(grace)) {
      LOG.info("handing {} running task(s) back for other workers", running().size());
      running().forEach(e -> e.stop(StopReason.SHUTDOWN, "the engine is shutting down"));
      awaitIdle(Duration.ofSeconds(5));
    }
    stopHeartbeat();
    taskPool.shutdownNow();
  }

  /** Abandons the task threads as they are (a crash). */
  void abandon() {
    acceptingLocalStarts = false;
    taskPool.shutdown();
  }

  /** Waits until every slot is free and every task's end is written (or given up). */
  private boolean awaitIdle(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    int all = parts.settings().maxConcurrentTasks();
    try {
      if (!slots.tryAcquire(all, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return false;
      }
      slots.release(all);
      synchronized (finishing) {
        while (!finishing.isEmpty()) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(finishing, left);
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void launch(TaskExecution execution) {
    execution.onConfigDurable(configsApplied);
    synchronized (finishing) {
      finishing.add(execution);
    }
    try {
      taskPool.execute(
          new TaskRunner(
              parts,
              threads,
              planner,
              execution,
              starter.deferredStarts(),
              this::returnSlot,
              this::ended));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      synchronized (finishing) {
        finishing.remove(execution);
        finishing.notifyAll();
      }
      throw e;
    }
  }

  private void returnSlot(TaskExecution execution) {
    if (execution.returnSlot()) {
      slots.release();
    }
  }

  private void ended(TaskExecution execution) {
    starter.ended(execution);
    Task task = execution.task();
    Set<String> marked = execution.configsMarked();
    if (task.status() == TaskStatus.COMPLETED
        && execution.inputsUpdatedAt() != null
        && !marked.isEmpty()) {
      // Completed durably: the marks went with its end (or before).
      configsApplied.applied(task.appId(), execution.inputsUpdatedAt(), marked);
    }
    returnSlot(execution);
    synchronized (finishing) {
      finishing.remove(execution);
      finishing.notifyAll();
    }
    taskEnded.accept(execution.task());
  }

  private void cancelledBeforeStart(Task task) {
    parts.listener().taskFinished(TaskEvents.of(task, parts.now()));
    taskEnded.accept(task);
  }
}
