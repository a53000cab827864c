package io.kubemin.examples.cli;

import io.kubemin.KubeMin;
import io.kubemin.KubeMinBuilder;
import io.kubemin.examples.rest.ReadinessCheck;
import io.kubemin.examples.rest.RestServer;
import io.kubemin.examples.rest.RestSettings;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.LeaseLeaderElection;
import io.kubemin.k8s.LeaseSettings;
import io.kubemin.metrics.MicrometerMetrics;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kubemin serve} runs: a cluster, a store and a queue, an engine with every role (the
 * Kubernetes executor and status sync), and the REST API over it. {@link #close()} stops them in
 * reverse order (the API first, so no request reaches a closing engine) and is idempotent, so a
 * shutdown hook and the command can both call it.
 */
final class ServeRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeRun.class);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ClusterTarget cluster;
  private RestServer server;
  private boolean closed;

  private ServeRun() {}

  /**
   * What to serve with.
   *
   * @param storeUri the store ({@code memory}, {@code jdbc:…})
   * @param queueUri the queue ({@code memory}, {@code redis://…}, {@code kafka://…})
   * @param address where the API listens
   * @param leaderNamespace namespace of the dispatcher's Lease, or null for no election (this
   *     instance always dispatches)
   * @param rest the REST server's dialect, security and limits
   * @param metrics the registry the engine's meters go to, or null
   * @param tracing the SDK the engine's and the API's spans go to (closed with the run, which
   *     flushes them), or null
   */
  record Settings(
      String storeUri,
      String queueUri,
      InetSocketAddress address,
      String leaderNamespace,
      RestSettings rest,
      io.micrometer.core.instrument.MeterRegistry metrics,
      io.opentelemetry.sdk.OpenTelemetrySdk tracing) {}

  /**
   * Opens everything and starts serving.
   *
   * @throws IOException when the cluster's kubeconfig cannot be read or the address bound
   */
  static ServeRun start(ClusterOptions clusterOptions, Settings settings) throws IOException {
    ServeRun run = new ServeRun();
    try {
      run.open(clusterOptions, settings);
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private void open(ClusterOptions clusterOptions, Settings settings) throws IOException {
    if (settings.tracing() != null) {
      remember(settings.tracing()); // closed last: the spans of the shutdown are flushed too
    }
    cluster = remember(clusterOptions.open());
    DataStore store = remember(Providers.openDataStore(settings.storeUri()));
    Queue queue = remember(Providers.openQueue(settings.queueUri()));
    KubernetesJobExecutor executor = remember(new KubernetesJobExecutor(cluster.client()));
    KubernetesStatusSync statusSync = new KubernetesStatusSync(cluster.client());
    KubeMinBuilder builder =
        KubeMin.builder().dataStore(store).queue(queue).jobExecutor(executor).extension(statusSync);
    if (settings.metrics() != null) {
      MicrometerMetrics metrics = new MicrometerMetrics(settings.metrics());
      statusSync.eventLag(metrics.informerEventLag());
      builder
          .dataStore(metrics.instrument(store))
          .queue(metrics.instrument(queue))
          .listener(metrics.bindQueue(queue).bindStore(store));
    }
    if (settings.tracing() != null) {
      builder.tracing(new io.kubemin.tracing.OpenTelemetryTracing(settings.tracing()));
    }
    if (settings.leaderNamespace() != null) {
      builder.leaderElection(
          new LeaseLeaderElection(
              cluster.client(),
              LeaseSettings.builder().namespace(settings.leaderNamespace()).build()));
    }
    KubeMin kubemin = remember(builder.build());
    kubemin.start();
    List<ReadinessCheck> checks =
        List.of(
            ReadinessCheck.store(store),
            ReadinessCheck.queue(queue),
            ReadinessCheck.cluster(cluster.client()));
    server = remember(RestServer.start(kubemin, settings.address(), checks, settings.rest()));
  }

  private <T extends AutoCloseable> T remember(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Where the cluster is. */
  String clusterDescription() {
    return cluster.description();
  }

  /** The address the API listens on. */
  InetSocketAddress address() {
    return server.address();
  }

  /** Blocks until {@link #close()} has finished. */
  void awaitClosed() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      while (!opened.isEmpty()) {
        AutoCloseable resource = opened.pop();
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
        }
      }
    } finally {
      stopped.countDown();
    }
  }
}
