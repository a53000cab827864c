package io.kubemin.internal.engine;

import io.kubemin.spi.LeaderElection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's thread: polls for waiting tasks every {@code dispatchPollInterval} (the safety net
 * for tasks created on instances that do not dispatch, or whose offer failed), offers lost queued
 * tasks again, and runs the reaper every heartbeat interval. Started when this instance gains
 * leadership, stopped when it loses it.
 */
final class DispatchLoop implements LeaderElection.LeadershipListener {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);

  /** The shortest time between two dispatch rounds asked for by {@link #nudge()}. */
  static final long NUDGE_SPACING_NANOS = 10_000_000L;

  /** The pause between two retention passes while the purger is behind. */
  static final long PURGE_PAUSE_NANOS = 10_000_000L;

  private final EngineParts parts;
  private final Dispatcher dispatcher;
  private final Reaper reaper;
  private volatile boolean leading;
  private volatile RetentionPurger purger;
  private final AtomicInteger endedSincePurge = new AtomicInteger();
  private Thread thread;
  private final Object wake = new Object();
  private boolean nudged; // guarded by wake

  DispatchLoop(EngineParts parts, Dispatcher dispatcher) {
    this.parts = parts;
    this.dispatcher = dispatcher;
    this.reaper = new Reaper(parts, task -> dispatcher.dispatchApp(task.appId()));
  }

  @Override
  public synchronized void startedLeading() {
    if (thread != null) {
      return;
    }
    String instance = parts.settings().instanceId();
    LOG.info("instance {} leads: dispatcher and reaper started", instance);
    leading = true;
    thread =
        EngineThreadFactory.named("kubemin-dispatcher-" + instance)
            .newThread(this::loopUntilStopped);
    thread.start();
  }

  @Override
  public void stoppedLeading() {
    Thread stopping;
    synchronized (this) {
      leading = false;
      stopping = thread;
      thread = null;
    }
    if (stopping == null) {
      return;
    }
    LOG.info(
        "instance {} no longer leads: dispatcher and reaper stopped",
        parts.settings().instanceId());
    stopping.interrupt();
    try {
      stopping.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Purges ended tasks by these policies while this instance leads. */
  void retention(RetentionPurger retention) {
    this.purger = retention;
  }

  /**
   * Asks for a dispatch round soon (a task ended, so a task queued behind it may go): the requests
   * of many ending tasks are served by one round, at most one per {@link #NUDGE_SPACING_NANOS},
   * instead of a read of each application's tasks.
   */
  void nudge() {
    synchronized (wake) {
      // A dispatcher already nudged sleeps until its nudged round is due: waking it again for
      // every task that ends (thousands a second) would only put it back to sleep.
      if (!nudged) {
        nudged = true;
        wake.notifyAll();
      }
    }
  }

  /**
   * Counts a task that ended on this instance: once a batch of them ended, the next retention pass
   * comes at the next wake instead of after its interval, so a busy history stays near its policy.
   */
  void countEnded() {
    endedSincePurge.incrementAndGet();
  }

  /** Whether this instance dispatches now. */
  boolean leading() {
    return leading;
  }

  private void loopUntilStopped() {
    try {
      loop();
    } finally {
      synchronized (this) {
        if (thread == Thread.currentThread()) {
          // Ended without stoppedLeading (it should not): do not claim to dispatch any more.
          LOG.error("the dispatcher thread of instance {} ended", parts.settings().instanceId());
          leading = false;
          thread = null;
        }
      }
    }
  }

  private void loop() {
    long pollNanos = parts.settings().dispatchPollInterval().toNanos();
    long reapNanos = Math.max(parts.settings().heartbeatInterval().toNanos(), 1_000_000L);
    long nextPoll = System.nanoTime();
    long nextReap = System.nanoTime();
    long nextPurge = System.nanoTime();
    long nextNudged = System.nanoTime();
    while (leading) {
      try {
        long now = System.nanoTime();
        if (now - nextPoll >= 0) {
          takeNudge();
          dispatcher.dispatchWaiting();
          dispatcher.reofferAfterLoss();
          dispatcher.reofferLost();
          nextPoll = now + pollNanos;
          nextNudged = now + NUDGE_SPACING_NANOS;
        } else if (now - nextNudged >= 0 && takeNudge()) {
          dispatcher.dispatchWaiting();
          nextNudged = now + NUDGE_SPACING_NANOS;
        }
        if (now - nextReap >= 0) {
          reaper.reap();
          nextReap = now + reapNanos;
        }
        RetentionPurger retention = purger;
        long due = Math.min(nextPoll, nextReap);
        if (retention != null && retention.active()) {
          if (now - nextPurge >= 0 || endedSincePurge.get() >= RetentionPurger.BATCH) {
            endedSincePurge.set(0);
            retention.purge();
            // Behind its retention, an application's history is purged pass after pass (a short
            // pause apart, so other store users get the store) instead of once per interval.
            nextPurge =
                now + (retention.behind() ? PURGE_PAUSE_NANOS : retention.interval().toNanos());
          }
          due = Math.min(due, nextPurge);
        }
        FAILURES.succeeded(rounds());
        sleepUntil(due, nextNudged);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | Error e) {
        // An Error must not end the leader's thread while it still claims to lead.
        FAILURES.failed(rounds(), "retrying", e);
        if (!pause()) {
          return;
        }
      }
    }
  }

  private boolean takeNudge() {
    synchronized (wake) {
      boolean was = nudged;
      nudged = false;
      return was;
    }
  }

  /** Sleeps until {@code due}, or until {@code nudgeDue} once a nudge came. */
  private void sleepUntil(long due, long nudgeDue) throws InterruptedException {
    synchronized (wake) {
      while (true) {
        long now = System.nanoTime();
        long until = nudged && nudgeDue - due < 0 ? nudgeDue : due;
        long left = until - now;
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(wake, left);
      }
    }
  }

  private String rounds() {
    return "dispatch rounds on instance " + parts.settings().instanceId();
  }

  private static boolean pause() {
    try {
      Thread.sleep(200);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
