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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
    settle(
        seen, d -> SimulatedStatus.of(d, ready(d)), Deployment::getStatus, Deployment::setStatus);
  }

  private void rollOut(StatefulSet seen) {
    settle(
        seen, s -> SimulatedStatus.of(s, ready(s)), StatefulSet::getStatus, StatefulSet::setStatus);
  }

  private void bind(PersistentVolumeClaim seen) {
    settle(
        seen,
        c -> SimulatedStatus.of(c, ready(c)),
        PersistentVolumeClaim::getStatus,
        PersistentVolumeClaim::setStatus);
  }

  private boolean ready(HasMetadata object) {
    return !neverReady.test(object);
  }

  /** Writes the simulated status of the object's latest version unless it already has it. */
  private <T extends HasMetadata, S> void settle(
      T seen, Function<T, S> simulated, Function<T, S> actual, BiConsumer<T, S> setStatus) {
    T current = latest(seen);
    if (current == null) {
      return;
    }
    S status = simulated.apply(current);
    if (!status.equals(actual.apply(current))) {
      client
          .resource(current)
          .editStatus(
              object -> {
                setStatus.accept(object, status);
                return object;
              });
    }
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
