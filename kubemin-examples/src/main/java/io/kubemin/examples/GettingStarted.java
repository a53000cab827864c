package io.kubemin.examples;

import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.workflow.TaskStatusView;
import java.time.Duration;

/**
 * The getting-started example of README.md and {@code docs/getting-started.md}: an in-memory engine
 * deploys an application to an in-process Kubernetes API and reports how it went.
 */
public final class GettingStarted {
  private GettingStarted() {}

  /** Deploys a one-component application and returns its task status. */
  public static TaskStatusView deploy() throws InterruptedException {
    try (KubeSandbox cluster = KubeSandbox.start(); // in-process Kubernetes API
        KubernetesJobExecutor executor = new KubernetesJobExecutor(cluster.client());
        KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build()) { // in-memory store
      kubemin.start();
      Application shop =
          ModelCodec.json()
              .readApplication(
                  """
                  {"name": "shop", "component": [{"name": "web", "type": "webservice",
                    "image": "nginx:1.27", "replicas": 2, "properties": {"ports": [{"port": 80}]}}]}
                  """)
              .value();
      String appId = kubemin.createApplication(shop).id(); // validated, stored
      String taskId = kubemin.exec(appId); // runs the default workflow
      kubemin.awaitTask(taskId, Duration.ofMinutes(1));
      return kubemin.taskStatus(taskId); // per-component status
    }
  }

  /** Runs the example and prints the result. */
  public static void main(String[] args) throws InterruptedException {
    TaskStatusView status = deploy();
    System.out.println("task " + status.taskId() + " " + status.status().jsonName());
    status.components().forEach(c -> System.out.println("  " + c.name() + " " + c.status()));
  }
}
