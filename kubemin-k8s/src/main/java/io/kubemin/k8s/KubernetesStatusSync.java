package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.k8s.internal.InformerSet;
import io.kubemin.k8s.internal.ObjectLabels;
import io.kubemin.k8s.internal.ObjectListener;
import io.kubemin.k8s.internal.SharedInformers;
import io.kubemin.k8s.internal.WorkloadStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.ExtensionContext;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.KubeMinExtension;
import io.kubemin.spi.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each component's live {@code status} and {@code ready_replicas} in the store, from
 * informers on the Deployments and StatefulSets labelled {@code kube-min-cli-appId} (all
 * namespaces, or the configured ones). The component is found by the {@code
 * kube-min-cli-componentId} label, which is the stored component's stable id. Zero is written like
 * any value; a deleted workload makes its component Failed with 0 ready. Only changes are written,
 * off the informer threads. The informers are the ones the executor on the same client uses.
 */
public final class KubernetesStatusSync implements KubeMinExtension {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesStatusSync.class);
  private static final List<JobKind> WORKLOADS = List.of(JobKind.DEPLOYMENT, JobKind.STATEFUL_SET);

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final Map<String, WorkloadStatus> written = new ConcurrentHashMap<>();
  private final ObjectListener listener =
      new ObjectListener() {
        @Override
        public void changed(HasMetadata object) {
          submit(object, WorkloadStatus.of(object));
        }

        @Override
        public void deleted(HasMetadata object) {
          submit(object, WorkloadStatus.GONE);
        }
      };
  private InformerSet informers;
  private ExecutorService writer;
  private DataStore store;
  private Clock clock;
  private volatile java.util.function.Consumer<java.time.Duration> eventLag = lag -> {};

  /** A sync with the {@linkplain KubernetesSettings#defaults() default settings}. */
  public KubernetesStatusSync(KubernetesClient client) {
    this(client, KubernetesSettings.defaults());
  }

  /**
   * @param client the client (owned by the caller)
   * @param settings the namespaces to watch
   */
  public KubernetesStatusSync(KubernetesClient client, KubernetesSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Reports, for each workload change written, the time from the informer's delivery of the change
   * to its status stored (informer event lag), for example to {@code
   * MicrometerMetrics.informerEventLag()}. The recorder must be fast and must not throw.
   *
   * @return this sync
   */
  public KubernetesStatusSync eventLag(java.util.function.Consumer<java.time.Duration> recorder) {
    this.eventLag = Objects.requireNonNull(recorder, "recorder");
    return this;
  }

  /**
   * Starts syncing into the engine's store when this instance runs {@link Role#STATUS_SYNC};
   * otherwise does nothing.
   */
  @Override
  public void start(ExtensionContext context) {
    if (!context.roles().contains(Role.STATUS_SYNC)) {
      LOG.info("component status sync not started: this instance does not run STATUS_SYNC");
      return;
    }
    start(context.dataStore(), context.clock());
  }

  /**
   * Starts the informers and writes the status of every workload they list, then of every change
   * (for hosts that use the store without the engine).
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start(DataStore store, Clock clock) {
    if (informers != null) {
      throw new IllegalStateException("status sync already started");
    }
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "kubemin-status-sync");
              thread.setDaemon(true);
              return thread;
            });
    informers = SharedInformers.acquire(client, settings.namespaces());
    try {
      for (JobKind kind : WORKLOADS) {
        informers.watch(kind, listener);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("interrupted while starting the status informers", e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    LOG.info("component status sync started");
  }

  /** Stops listening and writing; the informers stop when no one else on the client uses them. */
  @Override
  public synchronized void stop() {
    if (informers == null) {
      return;
    }
    WORKLOADS.forEach(kind -> informers.unwatch(kind, listener));
    SharedInformers.release(informers);
    informers = null;
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    written.clear();
  }

  private void submit(HasMetadata workload, WorkloadStatus status) {
    String componentId = ObjectLabels.label(workload, ObjectLabels.COMPONENT_ID);
    if (componentId == null || status.equals(written.get(componentId))) {
      return;
    }
    written.put(componentId, status);
    long delivered = System.nanoTime();
    writer.execute(() -> write(componentId, status, workload.getMetadata().getName(), delivered));
  }

  private void write(
      String componentId, WorkloadStatus status, String workloadName, long delivered) {
    try {
      boolean known =
          store.updateComponentStatus(
              componentId, status.status(), status.readyReplicas(), clock.instant());
      recordLag(delivered);
      LOG.debug(
          "component {} ({}) is {} with {} ready{}",
          componentId,
          workloadName,
          status.status().jsonName(),
          status.readyReplicas(),
          known ? "" : " (not in the store)");
      if (!known) {
        written.remove(componentId, status);
      }
    } catch (RuntimeException e) {
      written.remove(componentId, status);
      LOG.warn("could not write the status of component {}: {}", componentId, e.toString());
    }
  }

  private void recordLag(long delivered) {
    try {
      eventLag.accept(java.time.Duration.ofNanos(System.nanoTime() - delivered));
    } catch (RuntimeException e) {
      LOG.debug("the informer event lag recorder failed", e);
    }
  }
}
