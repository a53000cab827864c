package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.util.Map;

/**
 * docs/kubernetes.md: a test that deploys to the sandbox, with a workload that never gets ready.
 */
public final class SandboxTesting {
  private SandboxTesting() {}

  /** Deploys {@code app} with its Deployments never ready; returns the ended task. */
  public static Task deployWithStuckDeployments(Application app, Duration timeout)
      throws InterruptedException {
    try (KubeSandbox sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start()) {
      KubernetesClient client = sandbox.client();
      sandbox.neverReady(o -> o.getKind().equals("Deployment")); // to test timeouts
      try (KubernetesJobExecutor executor = new KubernetesJobExecutor(client);
          KubeMin kubemin =
              KubeMin.builder()
                  .jobExecutor(executor)
                  .extension(new KubernetesStatusSync(client))
                  .defaultJobTimeout(timeout)
                  .build()) {
        kubemin.start();
        String taskId = kubemin.exec(kubemin.createApplication(app).id());
        Task task = kubemin.awaitTask(taskId, timeout.multipliedBy(3));
        Map<String, Long> requests = sandbox.requestCounts(); // {get=…, patch=…, …}
        System.out.println("API requests: " + requests);
        return task;
      }
    }
  }
}
