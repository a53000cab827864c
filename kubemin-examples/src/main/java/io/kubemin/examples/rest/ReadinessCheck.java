package io.kubemin.examples.rest;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import java.util.Objects;

/**
 * One thing the REST API needs to serve: readiness ({@code /readyz}) runs every check and answers
 * 503 naming the first that fails.
 *
 * @param name what is checked, such as {@code store}
 * @param probe returns when it is reachable, throws when not
 */
public record ReadinessCheck(String name, Probe probe) {
  /** The queue group the engine's workers read, whose statistics the queue check asks for. */
  public static final String WORKER_GROUP = "workflow-workers";

  public ReadinessCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
  }

  /** Checks that something can be reached. */
  @FunctionalInterface
  public interface Probe {
    /**
     * Returns when reachable.
     *
     * @throws Exception why not
     */
    void check() throws Exception;
  }

  /** The store answers a ping. */
  public static ReadinessCheck store(DataStore store) {
    Objects.requireNonNull(store, "store");
    return new ReadinessCheck("store", store::ping);
  }

  /** The queue answers for the workers' group statistics (as the upstream's readiness). */
  public static ReadinessCheck queue(Queue queue) {
    Objects.requireNonNull(queue, "queue");
    return new ReadinessCheck("queue", () -> queue.stats(WORKER_GROUP));
  }

  /** The Kubernetes API server answers {@code /version} (readable by every identity). */
  public static ReadinessCheck cluster(KubernetesClient client) {
    Objects.requireNonNull(client, "client");
    return new ReadinessCheck("cluster", client::getKubernetesVersion);
  }
}
