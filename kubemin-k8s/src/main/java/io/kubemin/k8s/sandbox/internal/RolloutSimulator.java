package io.kubemin.k8s.sandbox.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the controllers the mock API server lacks: watches Deployments, StatefulSets and claims
 * and, a delay after each change, writes the status a finished rollout (or a bound claim) would
 * have. Objects matched by the never-ready predicate get pods that never pass readiness.
 */
public final class RolloutSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutSimulator.class);

  private final KubernetesClient client;
  private final Duration delay;
  private final Predicate<HasMetadata> neverReady;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "kubemin-sandbox-rollout");
            thread.setDaemon(true);
            return thread;
          });
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /**
   * @param client the sandbox's own client (its requests are not counted)
   * @param delay how long a rollout takes
   * @param neverReady objects whose pods never become ready
   */
  public RolloutSimulator(
      KubernetesClient client, Duration delay, Predicate<HasMetadata> neverReady) {
    this.client = client;
    this.delay = delay;
    this.neverReady = neverReady;
  }

  /** Starts watching; returns once the watches are established. */
  public void start() {
    informers.add(watch(Deployment.class, this::rollOut));
    informers.add(watch(StatefulSet.class, this::rollOut));
    informers.add(watch(PersistentVolumeClaim.class, this::bind));
  }

  private <T extends HasMetadata> SharedIndexInformer<T> watch(
      Class<T> type, java.util.function.Consumer<T> onChange) {
    return client
        .resources(type)
        .inAnyNamespace()
        .inform(
            new ResourceEventHandler<T>() {
              @Override
              public void onAdd(T obj) {
                schedule(() -> onChange.accept(obj));
              }

              @Override
              public void onUpdate(T oldObj, T newObj) {
                schedule(() -> onChange.accept(newObj));
              }

              @Override
              public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
            },
            0);
  }

  private void schedule(Runnable action) {
    if (!scheduler.isShutdown()) {
      scheduler.schedule(() -> guarded(action), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void guarded(Runnable action) {
    try {
      action.run();
    } catch (KubernetesClientException e) {
      // A newer change triggers another round; this one is moot.
      LOG.debug("sandbox status write skipped: {}", e.getMessage());
    }
  }

  private void rollOut(Deployment seen) {
    Deployment current = latest(seen);
    if (current == null) {
      return;
    }
    var status = SimulatedStatus.of(current, !neverReady.test(current));
    if (!status.equals(current.getStatus())) {
      client.resource(current).editStatus(d -> withStatus(d, status));
    }
  }

  private void rollOut(StatefulSet seen) {
    StatefulSet current = latest(seen);
    if (current == null) {
      return;
    }
    var status = SimulatedStatus.of(current, !neverReady.test(current));
    if (!status.equals(current.getStatus())) {
      client.resource(current).editStatus(s -> withStatus(s, status));
    }
  }

  private void bind(PersistentVolumeClaim seen) {
    PersistentVolumeClaim current = latest(seen);
    if (current == null) {
      return;
    }
    var status = SimulatedStatus.of(current, !neverReady.test(current));
    if (!Objects.equals(status.getPhase(), phase(current))) {
      client.resource(current).editStatus(c -> withStatus(c, status));
    }
  }

  private static Deployment withStatus(
      Deployment d, io.fabric8.kubernetes.api.model.apps.DeploymentStatus s) {
    d.setStatus(s);
    return d;
  }

  private static StatefulSet withStatus(
      StatefulSet d, io.fabric8.kubernetes.api.model.apps.StatefulSetStatus s) {
    d.setStatus(s);
    return d;
  }

  private static PersistentVolumeClaim withStatus(
      PersistentVolumeClaim c, io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus s) {
    c.setStatus(s);
    return c;
  }

  private static String phase(PersistentVolumeClaim claim) {
    return claim.getStatus() == null ? null : claim.getStatus().getPhase();
  }

  private <T extends HasMetadata> T latest(T seen) {
    return client.resource(seen).get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
  }
}
