package io.kubemin.internal.engine;

import io.kubemin.spi.DispatchMessage;
import io.kubemin.spi.OutgoingMessage;
import io.kubemin.spi.QueueStats;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims waiting tasks (waiting -> queued, FIFO) and offers them to the workers through the queue.
 * Runs only while this instance leads. A task of an application that already has {@code
 * maxActiveTasksPerApp} queued, running or suspended tasks stays waiting (queued-behind tasks)
 * until one ends.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private static final int BATCH = 1000;

  /** Tasks claimed per store round trip. */
  static final int CLAIM_BATCH = 256;

  private static final Comparator<Task> FIFO =
      Comparator.comparing(Task::createdAt).thenComparing(Task::id);

  private static final long REOFFER_EVERY_NANOS = 1_000_000_000L;
  private static final int MAX_ANNOUNCED_UNSENT = 10_000;

  private final EngineParts parts;
  private final Set<String> announcedUnsent = ConcurrentHashMap.newKeySet();
  private long nextReoffer = System.nanoTime();
  private volatile long losses = -1;
  private volatile Instant lossAt;

  Dispatcher(EngineParts parts) {
    this.parts = parts;
  }

  /** Claims and offers one task, if it is still waiting; returns whether it did. */
  boolean claim(Task waiting) {
    Task queued = parts.states().claim(waiting, parts.now());
    return queued != null && offerClaimed(queued);
  }

  /**
   * Offers a task this instance has already claimed (queued), such as one created queued by an exec
   * on the leader; on failure it goes back to waiting for the next dispatch.
   */
  boolean offerClaimed(Task queued) {
    return offerAll(List.of(queued));
  }

  /** Claims the waiting tasks of one application that may start now, oldest first. */
  void dispatchApp(String appId) {
    claimable(parts.store().listActiveTasks(appId)).forEach(this::claim);
  }

  /**
   * Claims every waiting task that may start now, oldest first and fair across applications, in
   * batches of {@link #CLAIM_BATCH} (one store round trip each), and offers each batch in one
   * enqueue.
   */
  void dispatchWaiting() {
    while (!Thread.currentThread().isInterrupted()) {
      List<Task> claimed =
          parts
              .store()
              .claimWaiting(CLAIM_BATCH, parts.settings().maxActiveTasksPerApp(), parts.now());
      if (!claimed.isEmpty() && !offerAll(claimed)) {
        return; // the queue refused: the tasks wait for the next round, already logged
      }
      if (claimed.size() < CLAIM_BATCH) {
        return;
      }
    }
  }

  /** Offers claimed tasks in one enqueue; on failure they go back to waiting (returns false). */
  private boolean offerAll(List<Task> claimed) {
    Instant now = parts.now();
    DispatchSpans spans = DispatchSpans.open(parts, claimed);
    List<OutgoingMessage> messages = new ArrayList<>(claimed.size());
    for (Task queued : claimed) {
      // Announced before the enqueue, so that a worker's start event never comes first; once per
      // attempt, so that an offer that failed and is retried is not announced twice.
      if (announcedUnsent.isEmpty()
          || !announcedUnsent.remove(queued.id() + "#" + queued.attempt())) {
        parts.listener().taskQueued(TaskEvents.of(queued, now));
      }
      messages.add(
          spans.message(queued, new DispatchMessage(queued.id(), queued.attempt()).encode()));
    }
    String kind = "enqueueing tasks on instance " + parts.settings().instanceId();
    try {
      parts.queue().enqueueAll(messages);
      FAILURES.succeeded(kind);
      return true;
    } catch (RuntimeException e) {
      spans.failed(e);
      FAILURES.failed(kind, claimed.size() + " task(s) wait for the next dispatch", e);
      for (Task queued : claimed) {
        if (announcedUnsent.size() < MAX_ANNOUNCED_UNSENT) {
          announcedUnsent.add(queued.id() + "#" + queued.attempt());
        }
        try {
          parts.states().unclaim(queued, parts.now());
        } catch (RuntimeException unclaimFailed) {
          LOG.debug("task {} stays queued; the lost-offer check offers it again", queued.id());
        }
      }
      return false;
    } finally {
      spans.close();
    }
  }

  /**
   * Offers again queued tasks whose message was lost (the queue was flushed, or the message went to
   * the dead-letter destination): tasks queued for more than twice {@code claimIdle} while the
   * queue holds fewer messages than there are queued tasks.
   */
  void reofferLost() {
    // It reads up to BATCH tasks: at most once a second, however short the poll interval.
    long now = System.nanoTime();
    if (now - nextReoffer < 0) {
      return;
    }
    nextReoffer = now + REOFFER_EVERY_NANOS;
    List<Task> queued = parts.store().listTasksByStatus(TaskStatus.QUEUED, BATCH);
    Instant staleBefore = parts.now().minus(parts.settings().claimIdle().multipliedBy(2));
    List<Task> stale = queued.stream().filter(t -> t.updatedAt().isBefore(staleBefore)).toList();
    if (stale.isEmpty()) {
      return;
    }
    QueueStats stats = parts.queue().stats(EngineSettings.WORKER_GROUP);
    if (stats.backlog() + stats.pending() >= queued.size()) {
      return;
    }
    stale.forEach(this::reoffer);
  }

  /**
   * Offers again, at once, every task queued before the queue last reported a loss ({@link
   * io.kubemin.spi.Queue#losses()}): a Redis that restarted empty no longer holds their messages.
   * Runs every poll round, so the bound is one poll interval after the leader's queue client sees
   * the loss (plus its reconnect); up to {@code BATCH} tasks per round. Duplicate messages are
   * harmless: a worker drops a message whose task is no longer queued with that attempt.
   */
  void reofferAfterLoss() {
    long seen = parts.queue().losses();
    if (losses >= 0 && seen != losses) {
      lossAt = parts.now();
      LOG.warn(
          "the queue reports that it lost messages ({} time(s) so far); offering every queued"
              + " task again",
          seen);
    }
    losses = seen;
    Instant since = lossAt;
    if (since == null) {
      return;
    }
    List<Task> before =
        parts.store().listTasksByStatus(TaskStatus.QUEUED, BATCH).stream()
            .filter(t -> t.updatedAt().isBefore(since))
            .toList();
    if (before.isEmpty()) {
      lossAt = null;
      return;
    }
    before.forEach(this::reoffer);
  }

  private void reoffer(Task task) {
    Task touched = parts.states().reoffer(task, parts.now());
    if (touched != null) {
      LOG.info(
          "task {} was queued since {} and its message may be lost; offering it again",
          task.id(),
          task.updatedAt());
      byte[] payload = new DispatchMessage(touched.id(), touched.attempt()).encode();
      if (!parts.tracing().on()) {
        parts.queue().enqueue(touched.appId(), payload);
        return;
      }
      DispatchSpans spans = DispatchSpans.open(parts, List.of(touched));
      try {
        parts.queue().enqueueAll(List.of(spans.message(touched, payload)));
      } finally {
        spans.close();
      }
    }
  }

  /** The waiting tasks among an application's active ones that may be claimed now. */
  private List<Task> claimable(List<Task> appTasks) {
    int limit = parts.settings().maxActiveTasksPerApp();
    List<Task> waiting = new ArrayList<>();
    int started = 0;
    for (Task task : appTasks) {
      if (task.status() == TaskStatus.WAITING) {
        waiting.add(task);
      } else {
        started++; // queued, running, or suspended (it holds its place until resumed)
      }
    }
    waiting.sort(FIFO);
    if (limit <= 0) {
      return waiting;
    }
    return waiting.subList(0, Math.max(0, Math.min(waiting.size(), limit - started)));
  }
}
