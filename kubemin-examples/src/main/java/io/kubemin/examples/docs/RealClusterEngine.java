package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.LeaseLeaderElection;

/**
 * docs/kubernetes.md: an engine against a real cluster. The client is the host's: KubeMin never
 * closes it (for example {@code new KubernetesClientBuilder().build()}).
 */
public final class RealClusterEngine {
  private RealClusterEngine() {}

  /** Starts an engine on the cluster, runs {@code work} with it, then shuts it down. */
  public static void run(KubernetesClient client, java.util.function.Consumer<KubeMin> work) {
    try (KubernetesJobExecutor executor = new KubernetesJobExecutor(client);
        KubeMin kubemin =
            KubeMin.builder()
                .jobExecutor(executor)
                .extension(new KubernetesStatusSync(client)) // live component status
                .leaderElection(new LeaseLeaderElection(client)) // one dispatcher per cluster
                .build()) {
      kubemin.start();
      work.accept(kubemin);
    } // closes the engine first, then the executor
  }
}
