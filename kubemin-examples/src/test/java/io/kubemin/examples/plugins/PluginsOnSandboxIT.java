package io.kubemin.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shipped plugins deployed through the public API on the sandbox, with nothing registered. */
class PluginsOnSandboxIT {

  @Test
  void aCronjobAndAnAutoscalerDeployAndAreDeletedWithTheApplication() throws Exception {
    try (KubeSandbox sandbox = KubeSandbox.start();
        KubernetesJobExecutor executor = new KubernetesJobExecutor(sandbox.client());
        KubeMin kubemin =
            KubeMin.builder()
                .jobExecutor(executor)
                .defaultJobTimeout(Duration.ofSeconds(20))
                .build()) {
      kubemin.start();
      KubernetesClient client = sandbox.client();
      ApplicationInfo app = kubemin.createApplication(PluginsTest.nightly());

      Task task = kubemin.awaitTask(kubemin.exec(app.id()), Duration.ofSeconds(60));

      assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
      CronJob cronJob =
          client
              .batch()
              .v1()
              .cronjobs()
              .inNamespace("reports")
              .withName("cron-report-" + app.id())
              .get();
      assertThat(cronJob.getSpec().getSchedule()).isEqualTo("30 2 * * *");
      HorizontalPodAutoscaler hpa =
          client
              .autoscaling()
              .v2()
              .horizontalPodAutoscalers()
              .inNamespace("reports")
              .withName("hpa-web-" + app.id())
              .get();
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("deploy-web-" + app.id());
      assertThat(kubemin.jobs(task.id()))
          .extracting(j -> j.kind().name())
          .contains("batch/v1/CronJob", "autoscaling/v2/HorizontalPodAutoscaler");

      kubemin.deleteApplication(app.id());

      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client.batch().v1().cronjobs().inNamespace("reports").list().getItems().isEmpty()
                      && client
                          .autoscaling()
                          .v2()
                          .horizontalPodAutoscalers()
                          .inNamespace("reports")
                          .list()
                          .getItems()
                          .isEmpty());
    }
  }
}
