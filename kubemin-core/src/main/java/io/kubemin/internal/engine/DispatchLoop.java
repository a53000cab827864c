package io.kubemin.internal.engine;

import io.kubemin.spi.LeaderElection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's thread: claims tasks of applications it is told about at once, polls for waiting
 * tasks every {@code dispatchPollInterval} (the safety net for tasks created on other instances),
 * offers lost queued tasks again and runs the reaper every heartbeat interval. Started when this
 * instance gains leadership, stopped when it loses it.
 */
final class DispatchLoop implements LeaderElection.LeadershipListener {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);

  private final EngineParts parts;
  private final Dispatcher dispatcher;
  private final Reaper reaper;
  private final Set<String> woken = ConcurrentHashMap.newKeySet();
  private final Set<String> blockedApps = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private volatile boolean leading;
  private Thread thread;

  DispatchLoop(EngineParts parts, Dispatcher dispatcher) {
    this.parts = parts;
    this.dispatcher = dispatcher;
    this.reaper = new Reaper(parts, task -> wake(task.appId(), true));
  }

  @Override
  public synchronized void startedLeading() {
    if (thread != null) {
      return;
    }
    LOG.info("instance {} leads: dispatcher and reaper started", parts.settings().instanceId());
    leading = true;
    thread =
        EngineThreadFactory.named("kubemin-dispatcher-" + parts.settings().instanceId())
            .newThread(this::loop);
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
    if (stopping != null) {
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
  }

  /** Whether this instance dispatches now. */
  boolean leading() {
    return leading;
  }

  /** Remembers that an application has tasks waiting behind active ones. */
  void blocked(String appId) {
    blockedApps.add(appId);
  }

  /** Asks the loop to look at an application now (if it may have waiting tasks). */
  void wake(String appId, boolean certainlyWaiting) {
    if (!leading || (!certainlyWaiting && !blockedApps.contains(appId))) {
      return;
    }
    woken.add(appId);
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void loop() {
    long pollNanos = parts.settings().dispatchPollInterval().toNanos();
    long reapNanos = Math.max(parts.settings().heartbeatInterval().toNanos(), 1_000_000L);
    long nextPoll = System.nanoTime();
    long nextReap = System.nanoTime();
    while (leading) {
      try {
        for (String appId : Set.copyOf(woken)) {
          woken.remove(appId);
          if (!dispatcher.dispatchApp(appId)) {
            blockedApps.remove(appId);
          }
        }
        long now = System.nanoTime();
        if (now - nextPoll >= 0) {
          blockedApps.addAll(dispatcher.dispatchWaiting());
          dispatcher.reofferLost();
          nextPoll = now + pollNanos;
        }
        if (now - nextReap >= 0) {
          reaper.reap();
          nextReap = now + reapNanos;
        }
        long waitNanos = Math.min(nextPoll, nextReap) - System.nanoTime();
        synchronized (signal) {
          if (woken.isEmpty() && waitNanos > 0) {
            TimeUnit.NANOSECONDS.timedWait(signal, waitNanos);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("dispatch round failed; retrying", e);
        if (!pause()) {
          return;
        }
      }
    }
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
