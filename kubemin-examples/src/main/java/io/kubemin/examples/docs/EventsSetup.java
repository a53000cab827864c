package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesEvents;
import io.kubemin.k8s.KubernetesJobExecutor;
import java.util.function.Consumer;

/** docs/observability.md: an engine that explains its deploys with Kubernetes Events. */
public final class EventsSetup {
  private EventsSetup() {}

  /** Runs {@code work} with an engine whose jobs and tasks leave Events on their objects. */
  public static void run(KubernetesClient client, Consumer<KubeMin> work) {
    try (KubernetesJobExecutor executor = new KubernetesJobExecutor(client);
        KubernetesEvents events = new KubernetesEvents(client);
        KubeMin kubemin = KubeMin.builder().jobExecutor(executor).listener(events).build()) {
      kubemin.start();
      work.accept(kubemin);
    } // the engine closes first, then the Events still waiting are written, then the executor
  }
}
