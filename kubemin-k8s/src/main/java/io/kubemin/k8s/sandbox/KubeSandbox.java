package io.kubemin.k8s.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.k8s.sandbox.internal.MockApiServer;
import io.kubemin.k8s.sandbox.internal.RolloutSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An in-process Kubernetes API for demos and tests: fabric8's mock API server in CRUD mode,
 * extended to accept server-side apply, plus a rollout simulator that marks Deployments and
 * StatefulSets ready and binds claims a short delay after each change, as the controllers of a real
 * cluster would. Requests are counted by verb.
 *
 * <pre>{@code
 * try (KubeSandbox sandbox = KubeSandbox.start()) {
 *   KubernetesClient client = sandbox.client();
 *   ...
 * }
 * }</pre>
 *
 * <p>Limits: no field ownership (an apply merges into the stored object; fields left out of the
 * body stay), no strategic merge patch, no garbage collection, no admission or defaulting, no pods.
 */
public final class KubeSandbox implements AutoCloseable {
  /** Default time between a change and the simulated rollout's status. */
  public static final Duration DEFAULT_ROLLOUT_DELAY = Duration.ofMillis(200);

  // The mock web server logs every request at INFO through java.util.logging; held so the level
  // sticks.
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private final MockApiServer server;
  private final KubernetesClient client;
  private final KubernetesClient internalClient;
  private final RolloutSimulator simulator;
  private final List<Predicate<HasMetadata>> neverReady = new CopyOnWriteArrayList<>();
  private final List<KubernetesClient> extraClients = new CopyOnWriteArrayList<>();

  private KubeSandbox(Duration rolloutDelay) {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    server = new MockApiServer();
    client = server.newClient();
    internalClient = server.newUncountedClient();
    simulator =
        new RolloutSimulator(
            internalClient,
            rolloutDelay,
            object -> neverReady.stream().anyMatch(p -> p.test(object)));
    simulator.start();
    server.resetRequestCounts();
  }

  /** Starts a sandbox with the default rollout delay. */
  public static KubeSandbox start() {
    return builder().start();
  }

  /** A builder for a sandbox with other settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The client of this sandbox (closed with the sandbox; do not close it yourself). */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Another client of this sandbox, for example for a second engine instance with its own
   * informers; closed with the sandbox.
   */
  public KubernetesClient newClient() {
    KubernetesClient extra = server.newClient();
    extraClients.add(extra);
    return extra;
  }

  /** The URL of the API server. */
  public String url() {
    return client.getMasterUrl().toString();
  }

  /**
   * Makes an object never become ready: its pods never pass readiness (Deployment, StatefulSet) or
   * it is never bound (PersistentVolumeClaim).
   *
   * @param kind the Kubernetes kind, such as {@code Deployment}
   * @param namespace its namespace
   * @param name its name
   */
  public void neverReady(String kind, String namespace, String name) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    neverReady(
        o ->
            kind.equals(o.getKind())
                && Objects.equals(namespace, o.getMetadata().getNamespace())
                && name.equals(o.getMetadata().getName()));
  }

  /** Makes every object the predicate matches never become ready. */
  public void neverReady(Predicate<HasMetadata> predicate) {
    neverReady.add(Objects.requireNonNull(predicate, "predicate"));
  }

  /**
   * The API requests made since the start or the last {@link #resetRequestCounts()}, by verb
   * ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code patch},
   * {@code delete}, {@code deletecollection}); the rollout simulator's own requests are not
   * counted.
   */
  public Map<String, Long> requestCounts() {
    return server.requestCounts();
  }

  /** Starts counting requests from zero. */
  public void resetRequestCounts() {
    server.resetRequestCounts();
  }

  /** Stops the simulator, closes the clients and the server. */
  @Override
  public void close() {
    simulator.close();
    // Clients first: their open watches would otherwise hold the server's shutdown until it
    // gives up waiting for the connections (seen as "Unable to close MockWebServer").
    extraClients.forEach(KubernetesClient::close);
    internalClient.close();
    client.close();
    server.destroy();
  }

  /** Settings of a sandbox. */
  public static final class Builder {
    private Duration rolloutDelay = DEFAULT_ROLLOUT_DELAY;

    private Builder() {}

    /**
     * Time between a change of a Deployment, StatefulSet or claim and its simulated status (default
     * {@link #DEFAULT_ROLLOUT_DELAY}).
     */
    public Builder rolloutDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("rolloutDelay must not be negative: " + delay);
      }
      this.rolloutDelay = delay;
      return this;
    }

    /**
     * Starts the sandbox.
     *
     * @throws IllegalStateException when {@code io.fabric8:kubernetes-server-mock} is not on the
     *     class path (it is an optional dependency of {@code kubemin-k8s})
     */
    public KubeSandbox start() {
      requireMockServer();
      return new KubeSandbox(rolloutDelay);
    }

    // Checked here, in a class that does not refer to the mock server, so a missing artifact is a
    // sentence naming it instead of a NoClassDefFoundError from deep inside the constructor.
    private static void requireMockServer() {
      try {
        Class.forName(
            "io.fabric8.kubernetes.client.server.mock.KubernetesMockServer",
            false,
            Builder.class.getClassLoader());
        Class.forName(
            "io.fabric8.mockwebserver.http.Dispatcher", false, Builder.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException(
            "KubeSandbox needs io.fabric8:kubernetes-server-mock:"
                + io.fabric8.kubernetes.client.Version.clientVersion()
                + " on the class path: add it to your build (scope test for tests, compile for a"
                + " demo); its version is managed by kubemin-parent",
            e);
      }
    }
  }
}
