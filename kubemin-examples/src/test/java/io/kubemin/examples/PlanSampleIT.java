package io.kubemin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.examples.docs.PlanSample;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The plan sample of docs/lifecycle.md, run against the sandbox. */
class PlanSampleIT {
  @Test
  void thePlanListsChangesAndADeployHappensOnlyWhenSomethingWouldChange() throws Exception {
    Application app =
        ModelCodec.yaml()
            .readApplication(
                "name: shop\nnamespace: sample\ncomponent:\n"
                    + "  - {name: web, type: webservice, image: nginx:1.27, replicas: 1}\n")
            .value();
    try (KubeSandbox sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start();
        KubernetesJobExecutor executor = new KubernetesJobExecutor(sandbox.client());
        KubeMin kubemin = PlanSample.deletingClaimsOf("any", executor)) {
      kubemin.start();
      String appId = kubemin.createApplication(app).id();

      assertThat(PlanSample.changes(kubemin, appId))
          .singleElement()
          .asString()
          .startsWith("create Deployment/sample/deploy-web-");
      String taskId = PlanSample.deployIfChanged(kubemin, appId);
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(30)).status().jsonName())
          .isEqualTo("completed");
      kubemin.createApplication(
          app.toBuilder()
              .id(appId)
              .components(
                  java.util.List.of(app.components().get(0).toBuilder().replicas(2).build()))
              .build());

      assertThat(PlanSample.changes(kubemin, appId))
          .containsExactly(
              "update Deployment/sample/deploy-web-" + appId, "    spec.replicas: 1 -> 2");
    }
  }
}
