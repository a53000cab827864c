package io.kubemin.internal.engine;

import io.kubemin.spi.LeaderElection;
import java.util.concurrent.TimeUnit;
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

  private final EngineParts parts;
  private final Dispatcher dispatcher;
  private final Reaper reaper;
  private volatile boolean leading;
  private volatile RetentionPurger purger;
  private Thread thread;

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
    while (leading) {
      try {
        long now = System.nanoTime();
        if (now - nextPoll >= 0) {
          dispatcher.dispatchWaiting();
          dispatcher.reofferAfterLoss();
          dispatcher.reofferLost();
          nextPoll = now + pollNanos;
        }
        if (now - nextReap >= 0) {
          reaper.reap();
          nextReap = now + reapNanos;
        }
        RetentionPurger retention = purger;
        if (retention != null && retention.active() && now - nextPurge >= 0) {
          nextPurge = now + retention.interval().toNanos();
          retention.purge();
        }
        FAILURES.succeeded(rounds());
        TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(nextPoll, nextReap) - System.nanoTime()));
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
