package io.kubemin.internal.engine;

import io.kubemin.workflow.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The live handle of a task this instance runs: who may stop it and the jobs to interrupt when that
 * happens. The first stop reason wins, except {@link StopReason#FENCED}, which always does: once
 * the task is lost nothing else matters.
 */
final class TaskExecution {
  private final Set<JobRun> activeJobs = ConcurrentHashMap.newKeySet();
  private final List<CompletedJob> completedJobs = new CopyOnWriteArrayList<>();
  private volatile Task task;
  private volatile io.kubemin.internal.plan.PlanInputs inputs;
  private volatile Set<String> runningAtStart = Set.of();
  private volatile Instant inputsUpdatedAt;
  private final Set<String> configsMarked = ConcurrentHashMap.newKeySet();
  private volatile StopReason stopReason;
  private volatile String stopMessage;
  private volatile long leaseEndNanos = System.nanoTime();
  private volatile boolean lost;
  private volatile String traceparent;
  private volatile Instant deliveredAt;
  private final java.util.concurrent.atomic.AtomicBoolean slotReturned =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile ConfigsApplied configsApplied = (appId, updatedAt, names) -> {};

  // A start not written yet (DeferredStarts): the row as the store holds it (queued), the message
  // to acknowledge once a write made it useless, and whether the start is being written or the
  // end has taken its place (guarded by this).
  private Task queuedRow;
  private String unacknowledged;
  private long launchedNanos;
  private boolean startBeingWritten;
  private boolean endTookOver;

  TaskExecution(Task task) {
    this.task = task;
  }

  /**
   * Runs the task before its start is written: the store holds {@code queued} until {@link
   * DeferredStarts} writes the start or the task's end replaces it; {@code messageId} is
   * acknowledged once either is written.
   */
  synchronized void deferStart(Task queued, String messageId) {
    queuedRow = queued;
    unacknowledged = messageId;
    launchedNanos = System.nanoTime();
  }

  /** Whether the store still holds the task queued while it runs here. */
  synchronized boolean startPending() {
    return queuedRow != null;
  }

  /**
   * The queued row whose start is due now ({@code delayNanos} after the launch), marked as being
   * written; null when none is due or the end writes instead.
   */
  synchronized Task takeDueStart(long delayNanos, long nowNanos) {
    if (queuedRow == null
        || startBeingWritten
        || endTookOver
        || nowNanos - launchedNanos < delayNanos) {
      return null;
    }
    startBeingWritten = true;
    return queuedRow;
  }

  /** Like {@link #takeDueStart} without the delay, once a start being written is. */
  synchronized Task takeStartNow() {
    awaitStartWrite();
    return takeDueStart(0, launchedNanos);
  }

  private void awaitStartWrite() {
    while (startBeingWritten) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Ends a start write: {@code written} true when the store took it, false when it refused it (the
   * task moved on), null when the write failed and the start stays pending. Returns the message to
   * acknowledge now, if any.
   */
  synchronized String startWriteEnded(Boolean written) {
    startBeingWritten = false;
    notifyAll();
    if (written == null) {
      return null;
    }
    queuedRow = null;
    String message = unacknowledged;
    unacknowledged = null;
    return message;
  }

  /**
   * The row the task's end must find: the queued row while the start was never written (the end
   * then writes in its place, and the start no longer will), else the task as last written here.
   * Waits for a start being written.
   */
  synchronized Task rowBeforeEnd() {
    awaitStartWrite();
    endTookOver = queuedRow != null;
    return endTookOver ? queuedRow : task;
  }

  /** The message still unacknowledged because the start was not written; taken once. */
  synchronized String takeUnacknowledged() {
    String message = unacknowledged;
    unacknowledged = null;
    return message;
  }

  /**
   * Whether this call is the first to give back the task's slot: once when its jobs are over (the
   * final write needs no slot), or at its end for a run that never got that far.
   */
  boolean returnSlot() {
    return slotReturned.compareAndSet(false, true);
  }

  /**
   * The trace context of this run: the one its queue message carried until the task's span opens,
   * then that span's (the parent of its steps' spans); null without tracing.
   */
  String traceparent() {
    return traceparent;
  }

  void traceparent(String context) {
    traceparent = context;
  }

  /** When its queue message was read (the start of the consumer span); null without tracing. */
  Instant deliveredAt() {
    return deliveredAt;
  }

  void deliveredAt(Instant when) {
    deliveredAt = when;
  }

  /**
   * Notes a lease written to the store: it holds, by this worker's monotonic clock, until {@code
   * lease - margin} after {@code sentNanos} (when the write was sent, so never later than the
   * store's view).
   */
  void leaseWritten(long sentNanos, Duration lease, Duration margin) {
    long end = sentNanos + lease.minus(margin).toNanos();
    synchronized (this) {
      if (end - leaseEndNanos > 0) {
        leaseEndNanos = end;
      }
    }
  }

  /**
   * Notes a lease written to the store in place of what held the task before (its unacknowledged
   * message): it holds until {@code lease - margin} after {@code sentNanos}, even if that is
   * sooner.
   */
  void leaseReplaced(long sentNanos, Duration lease, Duration margin) {
    long end = sentNanos + lease.minus(margin).toNanos();
    synchronized (this) {
      leaseEndNanos = end;
    }
  }

  /** Whether this worker's lease on the task still holds by its own monotonic clock. */
  boolean leaseHeld() {
    return leaseEndNanos - System.nanoTime() > 0;
  }

  /** How long the lease still holds by this worker's clock (zero or negative once it ran out). */
  Duration leaseLeft() {
    return Duration.ofNanos(leaseEndNanos - System.nanoTime());
  }

  /** The instant the lease ends by this worker's monotonic clock, expressed on {@code clock}. */
  Instant leaseDeadline(Clock clock) {
    return clock.instant().plus(leaseLeft());
  }

  /** The task as this worker last wrote it. */
  Task task() {
    return task;
  }

  void task(Task current) {
    this.task = current;
  }

  /** The plan's inputs read when the task started, or null to read them when planning. */
  io.kubemin.internal.plan.PlanInputs inputs() {
    return inputs;
  }

  /** Sets the inputs; null drops them (once planned), keeping {@link #runningAtStart()}. */
  void inputs(io.kubemin.internal.plan.PlanInputs read) {
    if (read != null) {
      Set<String> running = new java.util.HashSet<>();
      for (io.kubemin.spi.ComponentRecord component : read.application().components()) {
        if (component.status() == io.kubemin.spi.ComponentStatus.RUNNING) {
          running.add(component.name());
        }
      }
      runningAtStart = Set.copyOf(running);
      inputsUpdatedAt = read.application().record().updatedAt();
    }
    this.inputs = read;
  }

  /**
   * The names of the components that read as running with the task's start; empty where the inputs
   * were not read with it.
   */
  Set<String> runningAtStart() {
    return runningAtStart;
  }

  /**
   * The {@code updatedAt} of the application as its inputs were read with the task's start; null
   * where they were not.
   */
  Instant inputsUpdatedAt() {
    return inputsUpdatedAt;
  }

  /** Who to tell of a config or secret component whose mark is durable. */
  void onConfigDurable(ConfigsApplied listener) {
    this.configsApplied = listener;
  }

  /** Tells of a component whose mark is durable, where the inputs were read with the start. */
  void configDurable(String componentName) {
    Instant updatedAt = inputsUpdatedAt;
    if (updatedAt != null) {
      configsApplied.applied(task.appId(), updatedAt, Set.of(componentName));
    }
  }

  /** Notes a config or secret component marked running for this run's job. */
  void configMarked(String componentName) {
    configsMarked.add(componentName);
  }

  /** The config and secret components marked running for this run's jobs. */
  Set<String> configsMarked() {
    return Set.copyOf(configsMarked);
  }

  /** Stops the task's jobs for a reason; returns whether this call set the reason. */
  boolean stop(StopReason reason, String message) {
    synchronized (this) {
      if (stopReason != null && reason != StopReason.FENCED) {
        return false;
      }
      stopReason = reason;
      stopMessage = message;
      notifyAll();
    }
    for (JobRun run : activeJobs) {
      run.interrupt(reason, message);
    }
    return true;
  }

  /**
   * Stops the task as lost without the store having said so (its lease ran out on this worker, or a
   * job record could not be written): unlike a plain {@link StopReason#FENCED} stop, the worker
   * does not even try to write the task's end, since the store might still take it.
   */
  void lose(String message) {
    lost = true;
    stop(StopReason.FENCED, message);
  }

  /** Whether {@link #lose} stopped the task. */
  boolean lost() {
    return lost;
  }

  /** Why the task must stop, or null while it may go on. */
  StopReason stopReason() {
    return stopReason;
  }

  /**
   * Whether this worker still writes the task's results (job records, cleanup, its end): not once
   * the task was lost or is being handed back.
   */
  boolean ownsResult() {
    StopReason reason = stopReason;
    return reason == null || reason.ownsResult();
  }

  /** The message given with the stop reason. */
  String stopMessage() {
    return stopMessage;
  }

  void add(JobRun run) {
    activeJobs.add(run);
    StopReason reason = stopReason;
    if (reason != null) {
      run.interrupt(reason, stopMessage);
    }
  }

  void remove(JobRun run) {
    activeJobs.remove(run);
  }

  /** Remembers a job that completed in this attempt, for a rollback. */
  void completed(CompletedJob job) {
    completedJobs.add(job);
  }

  /** The jobs that completed in this attempt, in the order they completed. */
  List<CompletedJob> completedJobs() {
    return List.copyOf(completedJobs);
  }

  /** Waits (a retry backoff); returns false as soon as the task is stopped. */
  synchronized boolean pause(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (stopReason == null) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
