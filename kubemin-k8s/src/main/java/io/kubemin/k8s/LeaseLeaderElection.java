package io.kubemin.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubemin.spi.LeaderElection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Kubernetes Lease (default {@code kubemin-system/apiserver-lock}, lease 15 s,
 * renew 10 s, retry 2 s). Each term uses a fresh fabric8 elector: an instance that loses the lease
 * reports it, then competes again. Losing leadership only stops what the listener stops (the
 * dispatcher and reaper), never the JVM.
 */
public final class LeaseLeaderElection implements LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLeaderElection.class);

  private final KubernetesClient client;
  private final LeaseSettings settings;
  private final AtomicBoolean leader = new AtomicBoolean();
  private LeadershipListener listener;
  private CompletableFuture<?> term;
  private boolean closed;

  /** Election with the {@linkplain LeaseSettings#defaults() default settings}. */
  public LeaseLeaderElection(KubernetesClient client) {
    this(client, LeaseSettings.defaults());
  }

  /**
   * @param client the client (owned by the caller)
   * @param settings the Lease and its timings
   */
  public LeaseLeaderElection(KubernetesClient client, LeaseSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings in use. */
  public LeaseSettings settings() {
    return settings;
  }

  @Override
  public synchronized void start(LeadershipListener listener) {
    if (this.listener != null) {
      throw new IllegalStateException("leader election already started");
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    LOG.info(
        "leader election on Lease {}/{} as {}",
        settings.namespace(),
        settings.lockName(),
        settings.identity());
    startTerm();
  }

  private synchronized void startTerm() {
    if (closed) {
      return;
    }
    term =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName("kubemin")
                    .withLock(
                        new LeaseLock(
                            settings.namespace(), settings.lockName(), settings.identity()))
                    .withLeaseDuration(settings.leaseDuration())
                    .withRenewDeadline(settings.renewDeadline())
                    .withRetryPeriod(settings.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(this::gained, this::lost, this::observed))
                    .build())
            .build()
            .start();
    term.whenComplete((ignored, failure) -> termEnded(failure));
  }

  private void termEnded(Throwable failure) {
    lost();
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    if (failure != null && !(failure instanceof java.util.concurrent.CancellationException)) {
      LOG.warn("leader election term ended with an error, competing again: {}", failure.toString());
    } else {
      LOG.info("leader election term ended, competing again");
    }
    startTerm();
  }

  private void gained() {
    if (leader.compareAndSet(false, true)) {
      LOG.info("{} became leader of {}", settings.identity(), settings.lockName());
      listener.startedLeading();
    }
  }

  private void lost() {
    if (leader.compareAndSet(true, false)) {
      LOG.info("{} is no longer leader of {}", settings.identity(), settings.lockName());
      listener.stoppedLeading();
    }
  }

  private void observed(String identity) {
    LOG.info("leader of {} is now {}", settings.lockName(), identity);
  }

  @Override
  public boolean isLeader() {
    return leader.get();
  }

  /** Leaves the election, releasing the Lease if held (reported as {@code stoppedLeading}). */
  @Override
  public void close() {
    CompletableFuture<?> current;
    synchronized (this) {
      closed = true;
      current = term;
    }
    if (current != null) {
      current.cancel(true);
    }
    lost();
  }
}
