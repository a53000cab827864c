package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import java.util.concurrent.CountDownLatch;

/**
 * docs/embedding.md: a plain {@code main} that runs every role against the cluster of the current
 * kubeconfig, with the store and queue from the environment, until the process is stopped.
 */
public final class PlainMainHost {
  private PlainMainHost() {}

  /** Runs until SIGTERM or Ctrl-C, then shuts down in order: engine, executor, client. */
  public static void main(String[] args) throws InterruptedException {
    String store = System.getenv().getOrDefault("KUBEMIN_STORE", "memory");
    String queue = System.getenv().getOrDefault("KUBEMIN_QUEUE", "memory");
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopped.countDown();
                  try {
                    closed.await(); // let main close everything before the JVM exits
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        KubernetesJobExecutor executor = new KubernetesJobExecutor(client);
        KubeMin kubemin =
            KubeMin.builder()
                .dataStoreUri(store)
                .queueUri(queue)
                .jobExecutor(executor)
                .extension(new KubernetesStatusSync(client))
                .build()) {
      kubemin.start();
      stopped.await();
    } finally {
      closed.countDown();
    }
  }
}
