package io.kubemin.internal.engine;

import io.kubemin.spi.TaskChange;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes late the starts of tasks a worker runs before their start is written. Where the store
 * prefers batches, a task read from the queue for the first time runs at once while the store still
 * holds it {@code queued}; only a task still running {@code startWriteDelay} later gets its start
 * written ({@code queued -> running}, leased here), in one batch with the others due. A task that
 * ends sooner goes from {@code queued} to its end in one compare-and-set on (status, attempt): one
 * write of the task's row fewer, which on MariaDB is most of what the drain of a backlog costs.
 *
 * <p>Nobody else takes such a task meanwhile: its message is acknowledged only once the start or
 * the end is written, so the queue gives it to no other consumer before {@code claimIdle}, and the
 * worker holds it by its own monotonic clock for {@code claimIdle} minus the lease margin, which
 * must leave several delays (else starts are written first, as before). The dispatcher offers a
 * queued task again only after twice {@code claimIdle} without news, and only tasks queued less
 * than {@code claimIdle} ago are run this way. A cancel on this instance stops the task's jobs; a
 * cancel recorded elsewhere ends the task {@code cancelled} at once, and the worker stops it when
 * its start or end is refused.
 */
final class DeferredStarts implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DeferredStarts.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);

  private final EngineParts parts;
  private final Collection<TaskExecution> running;
  private final Duration delay;
  private final long delayNanos;

  DeferredStarts(EngineParts parts, Collection<TaskExecution> running) {
    this.parts = parts;
    this.running = running;
    this.delay = parts.settings().startWriteDelay();
    this.delayNanos = deferring(parts) ? delay.toNanos() : 0;
  }

  /**
   * Whether starts are deferred: with a delay, on a store that prefers batches (elsewhere a write
   * costs little), with {@code claimIdle} minus the lease margin at least four delays.
   */
  private static boolean deferring(EngineParts parts) {
    EngineSettings settings = parts.settings();
    Duration delay = settings.startWriteDelay();
    return !delay.isZero()
        && parts.store().prefersBatches()
        && settings.claimIdle().minus(settings.leaseMargin()).compareTo(delay.multipliedBy(4)) >= 0;
  }

  /** Whether tasks read from the queue run before their start is written. */
  boolean on() {
    return delayNanos > 0;
  }

  /** How often {@link #run} should run: half the delay. */
  Duration period() {
    return Duration.ofMillis(Math.max(1, delay.toMillis() / 2));
  }

  /**
   * Runs {@code execution}, read queued from the store, before its start is written: it holds the
   * task for {@code claimIdle} (minus the lease margin) from {@code readNanos}, when the queue read
   * that delivered {@code messageId} was sent (the queue counts the message's idle time from its
   * delivery, never earlier).
   */
  void deferred(TaskExecution execution, Task queued, String messageId, long readNanos) {
    execution.deferStart(queued, messageId);
    EngineSettings settings = parts.settings();
    execution.leaseWritten(readNanos, settings.claimIdle(), settings.leaseMargin());
  }

  /** Writes the starts due, in one batch. Never throws (it runs on the engine's timer). */
  @Override
  public void run() {
    try {
      long now = System.nanoTime();
      List<TaskExecution> due = new ArrayList<>();
      List<Task> rows = new ArrayList<>();
      for (TaskExecution execution : running) {
        Task queued = execution.takeDueStart(delayNanos, now);
        if (queued != null) {
          due.add(execution);
          rows.add(queued);
        }
      }
      write(due, rows, false);
    } catch (RuntimeException | Error e) {
      FAILURES.failed(kind(), "the starts are written at the next round", e);
    }
  }

  /**
   * Writes the start of {@code execution} now if it is not written yet (before a write that needs
   * the task running, such as its suspension). A start the store refuses fences the task.
   *
   * @throws RuntimeException when the store failed the write (the start stays pending)
   */
  void writeNow(TaskExecution execution) {
    Task queued = execution.takeStartNow();
    if (queued != null) {
      write(List.of(execution), List.of(queued), true);
    }
  }

  private void write(List<TaskExecution> due, List<Task> rows, boolean rethrow) {
    if (due.isEmpty()) {
      return;
    }
    EngineSettings settings = parts.settings();
    Instant leaseUntil = parts.now().plus(settings.taskLease());
    List<TaskChange> starts = new ArrayList<>(due.size());
    for (int i = 0; i < due.size(); i++) {
      Task runningHere = due.get(i).task().withLease(settings.instanceId(), leaseUntil);
      starts.add(TaskChange.of(rows.get(i), runningHere));
    }
    long sent = System.nanoTime();
    List<Boolean> written;
    try {
      written = parts.store().writeBatch(starts, List.of());
    } catch (RuntimeException e) {
      due.forEach(x -> x.startWriteEnded(null));
      if (rethrow) {
        throw e;
      }
      FAILURES.failed(kind(), due.size() + " start(s) are written at the next round", e);
      return;
    }
    FAILURES.succeeded(kind());
    List<String> acks = new ArrayList<>();
    for (int i = 0; i < due.size(); i++) {
      TaskExecution execution = due.get(i);
      if (written.get(i)) {
        execution.task(starts.get(i).next());
        // The message is acknowledged now: from here only the lease holds the task, even where
        // claimIdle ran longer.
        execution.leaseReplaced(sent, settings.taskLease(), settings.leaseMargin());
      } else {
        LOG.warn(
            "task {} attempt {} changed before its start was written here (cancelled, or"
                + " offered again); stopping it",
            execution.task().id(),
            execution.task().attempt());
        execution.lose("the task changed before its start was written");
      }
      String message = execution.startWriteEnded(written.get(i));
      if (message != null) {
        acks.add(message);
      }
    }
    acknowledge(parts, acks);
  }

  /** Acknowledges a message, if any, whose task's end is written. */
  static void acknowledge(EngineParts parts, String messageId) {
    if (messageId != null) {
      acknowledge(parts, List.of(messageId));
    }
  }

  /** Acknowledges messages whose task's start or end is written (failures are only logged). */
  static void acknowledge(EngineParts parts, List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return;
    }
    String kind = "acknowledging queue messages on instance " + parts.settings().instanceId();
    try {
      parts.queue().ack(EngineSettings.WORKER_GROUP, messageIds);
      FAILURES.succeeded(kind);
    } catch (RuntimeException e) {
      FAILURES.failed(
          kind, messageIds.size() + " message(s) will be dropped when they are delivered again", e);
    }
  }

  private String kind() {
    return "writing deferred task starts on instance " + parts.settings().instanceId();
  }
}
