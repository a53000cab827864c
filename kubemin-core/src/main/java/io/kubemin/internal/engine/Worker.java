package io.kubemin.internal.engine;

import io.kubemin.internal.plan.Planner;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
  private final Semaphore slots;
  private final TaskStarter starter;
  private final ExecutorService taskPool;
  private final List<QueueReader> readers = new ArrayList<>();
  private final List<Thread> readerThreads = new ArrayList<>();
  private ScheduledFuture<?> heartbeat;

  Worker(EngineParts parts, EngineThreads threads, Planner planner, Consumer<Task> taskEnded) {
    this.parts = parts;
    this.threads = threads;
    this.planner = planner;
    this.taskEnded = taskEnded;
    this.slots = new Semaphore(parts.settings().maxConcurrentTasks());
    this.taskPool =
        Executors.newFixedThreadPool(
            parts.settings().maxConcurrentTasks(),
            EngineThreadFactory.named("kubemin-task-" + parts.settings().instanceId()));
    // A batch whose start is being committed holds its slots but no task thread, so the pool
    // always has a thread free to launch it once the commit is in.
    this.starter =
        new TaskStarter(
            parts, planner, this::launch, this::cancelledBeforeStart, slots::release, taskPool);
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
  }

  /** The tasks this instance runs. */
  Collection<TaskExecution> running() {
    return starter.running().values();
  }

  /** The executions of a task running here (empty when it does not run here). */
  List<TaskExecution> running(String taskId) {
    return starter.running(taskId);
  }

  /** Stops reading the queue; running tasks go on. */
  void stopReading() {
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

  /** Stops renewing leases (a crashed worker's tasks are then taken back). */
  void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
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
    taskPool.shutdown();
  }

  private boolean awaitIdle(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    int all = parts.settings().maxConcurrentTasks();
    try {
      if (slots.tryAcquire(all, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        slots.release(all);
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private void launch(TaskExecution execution) {
    taskPool.execute(new TaskRunner(parts, threads, planner, execution, this::ended));
  }

  private void ended(TaskExecution execution) {
    starter.ended(execution);
    slots.release();
    taskEnded.accept(execution.task());
  }

  private void cancelledBeforeStart(Task task) {
    parts.listener().taskFinished(TaskEvents.of(task, parts.now()));
    taskEnded.accept(task);
  }
}
