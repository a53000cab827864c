package io.kubemin.internal.election;

import io.kubemin.spi.DataStore;
import io.kubemin.spi.LeaderElection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a lease row of a shared store: every third of the lease each instance
 * tries to take or renew the row (one compare-and-set); the holder leads. A holder that cannot
 * renew steps down when two thirds of its lease have passed by its own monotonic clock, a third
 * before anyone else can take the lease; closing releases the row so that another instance takes
 * over at its next attempt instead of after the lease. The instances' clocks must agree to well
 * within a third of the lease, as for task leases.
 */
public final class StoreLeaderElection implements LeaderElection {
  /** The name of the dispatcher's lease row. */
  public static final String LEASE_NAME = "kubemin-dispatcher";

  private static final Logger LOG = LoggerFactory.getLogger(StoreLeaderElection.class);

  private final DataStore store;
  private final String holder;
  private final Duration lease;
  private final Clock clock;
  private final long renewEveryNanos;
  private final long stepDownAfterNanos;
  private final Object lock = new Object();

  private LeadershipListener listener;
  private Thread thread;
  private Thread watchdog;
  private volatile boolean leading;
  private volatile boolean closed;
  private volatile long lastRenewedNanos;
  private boolean failing;
  private volatile boolean unsupported;

  /**
   * @param store the shared store ({@link DataStore#shared()})
   * @param holder this instance's id, unique among the instances sharing the store
   * @param lease how long a leader holds the lease without renewing it
   * @param clock the clock lease ends are written with
   */
  public StoreLeaderElection(DataStore store, String holder, Duration lease, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.holder = Objects.requireNonNull(holder, "holder");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.clock = Objects.requireNonNull(clock, "clock");
    long leaseNanos = lease.toNanos();
    this.renewEveryNanos = Math.max(leaseNanos / 3, TimeUnit.MILLISECONDS.toNanos(10));
    this.stepDownAfterNanos = leaseNanos - renewEveryNanos;
  }

  @Override
  public void start(LeadershipListener leadershipListener) {
    synchronized (lock) {
      if (thread != null) {
        throw new IllegalStateException("the election has started already");
      }
      listener = Objects.requireNonNull(leadershipListener, "listener");
      thread = new Thread(this::run, "kubemin-leader-election");
      thread.setDaemon(true);
      thread.start();
      // Steps down on time even while a renewal hangs on an unreachable store.
      watchdog = new Thread(this::watch, "kubemin-leader-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  @Override
  public boolean isLeader() {
    return leading;
  }

  /** This instance's id in the lease row. */
  public String holder() {
    return holder;
  }

  private void run() {
    while (!closed && !unsupported) {
      attempt();
      long wait = renewEveryNanos;
      synchronized (lock) {
        long deadline = System.nanoTime() + wait;
        while (!closed && (wait = deadline - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private void watch() {
    while (!closed) {
      long overdue = 0;
      synchronized (lock) {
        long wait =
            leading && !unsupported
                ? lastRenewedNanos + stepDownAfterNanos - System.nanoTime()
                : renewEveryNanos;
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          continue;
        }
        overdue = System.nanoTime() - lastRenewedNanos;
      }
      if (!closed && leading && !unsupported) {
        LOG.warn(
            "leader lease of {} not renewed for {} ms: stepping down before it can expire",
            holder,
            TimeUnit.NANOSECONDS.toMillis(overdue));
        stepDown();
      }
    }
  }

  private void attempt() {
    long started = System.nanoTime();
    boolean held;
    try {
      Instant now = clock.instant();
      held = store.tryLease(LEASE_NAME, holder, now, now.plus(lease));
      if (failing) {
        LOG.info("leader lease: the store answers again");
        failing = false;
      }
    } catch (UnsupportedOperationException e) {
      // A store that says it is shared but keeps no leases: lead, as without an election.
      LOG.error(
          "{} says it is shared but has no leases ({}): this instance leads without an election;"
              + " give KubeMinBuilder.leaderElection(...)",
          store.getClass().getSimpleName(),
          e.getMessage());
      unsupported = true;
      startLeading();
      return;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("leader lease: cannot reach the store ({}); retrying", e.getMessage());
        failing = true;
      }
      return;
    }
    if (held && System.nanoTime() - started < stepDownAfterNanos) {
      // Counted from before the call: the lease row may say until later, never earlier.
      synchronized (lock) {
        lastRenewedNanos = started;
        lock.notifyAll();
      }
      startLeading();
    } else if (held) {
      LOG.warn("leader lease renewal took too long to count; trying again");
    } else if (leading) {
      LOG.warn("{} lost the leader lease to another instance", holder);
      stepDown();
    }
  }

  private synchronized void startLeading() {
    if (!leading && !closed) {
      leading = true;
      LOG.info("{} leads (store lease {} ms)", holder, lease.toMillis());
      tell(true);
    }
  }

  /** Transitions are serialised on this object, so the listener hears them in order. */
  private synchronized void stepDown() {
    if (leading) {
      leading = false;
      tell(false);
    }
  }

  private void tell(boolean started) {
    LeadershipListener target;
    synchronized (lock) {
      target = listener;
    }
    if (target == null) {
      return;
    }
    try {
      if (started) {
        target.startedLeading();
      } else {
        target.stoppedLeading();
      }
    } catch (RuntimeException e) {
      LOG.warn("leadership listener failed", e);
    }
  }

  @Override
  public void close() {
    Thread running;
    Thread watching;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      running = thread;
      watching = watchdog;
      lock.notifyAll();
    }
    for (Thread t : new Thread[] {watching, running}) {
      if (t != null && t != Thread.currentThread()) {
        try {
          t.join(TimeUnit.NANOSECONDS.toMillis(renewEveryNanos) + 5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    boolean wasLeading = leading;
    stepDown();
    if (wasLeading && !unsupported) {
      try {
        store.releaseLease(LEASE_NAME, holder);
        LOG.info("{} released the leader lease", holder);
      } catch (RuntimeException e) {
        LOG.warn("could not release the leader lease; it expires within {} ms", lease.toMillis());
      }
    }
    synchronized (lock) {
      listener = null;
    }
  }
}
