package io.kubemin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.examples.docs.DirectoryJobExecutor;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.workflow.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor of docs/job-executors.md, run by a real engine as the page describes it. */
class DirectoryJobExecutorTest {
  private static final String APP =
      """
      {"name": "shop", "component": [
        {"name": "settings", "type": "config", "properties": {"conf": {"mode": "fast"}}},
        {"name": "web", "type": "webservice", "image": "nginx:1.27",
         "properties": {"ports": [{"port": 80}]}}]}
      """;

  @TempDir Path directory;

  @Test
  void aDeployWritesOneFilePerObjectAndDeletingTheApplicationRemovesThem() throws Exception {
    try (KubeMin kubemin =
        KubeMin.builder().jobExecutor(new DirectoryJobExecutor(directory)).build()) {
      kubemin.start();
      String appId = kubemin.createApplication(app(APP)).id();
      String taskId = kubemin.exec(appId);

      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);
      assertThat(files())
          .containsExactlyInAnyOrder(
              "default_ConfigMap_settings.yaml",
              "default_Deployment_deploy-web-" + appId + ".yaml",
              "default_Service_svc-web-" + appId + ".yaml");
      assertThat(Files.readString(directory.resolve("default_ConfigMap_settings.yaml")))
          .contains("mode: \"fast\"");

      String again = kubemin.exec(appId); // idempotent: the same files, rewritten
      assertThat(kubemin.awaitTask(again, Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);
      assertThat(files()).hasSize(3);

      kubemin.deleteApplication(appId);
      assertThat(files()).isEmpty();
    }
  }

  @Test
  void aFailedJobRemovesTheFileItCreatedButNeverOneThatWasThere() throws Exception {
    DirectoryJobExecutor files = new DirectoryJobExecutor(directory);
    JobExecutor servicesRejected =
        new JobExecutor() {
          @Override
          public boolean supports(JobKind kind) {
            return true;
          }

          @Override
          public JobOutcome run(Job job, JobContext context) throws InterruptedException {
            JobOutcome written = files.run(job, context);
            return job.kind() == JobKind.SERVICE ? JobOutcome.failed("rejected") : written;
          }

          @Override
          public void cleanup(Job job, JobContext context) {
            files.cleanup(job, context);
          }
        };
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(servicesRejected).build()) {
      kubemin.start();
      String created = kubemin.createApplication(app(APP)).id();
      String existing = kubemin.createApplication(app(APP.replace("shop", "shop2"))).id();
      Path servicePresent = directory.resolve("default_Service_svc-web-" + existing + ".yaml");
      Files.writeString(servicePresent, "kind: Service\n");

      for (String appId : java.util.List.of(created, existing)) {
        assertThat(kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30)).status())
            .isEqualTo(TaskStatus.FAILED);
      }

      assertThat(files())
          .contains("default_Deployment_deploy-web-" + created + ".yaml")
          .doesNotContain("default_Service_svc-web-" + created + ".yaml");
      assertThat(servicePresent).exists();
    }
  }

  private Stream<String> filesStream() throws IOException {
    return Files.list(directory).map(p -> p.getFileName().toString());
  }

  private java.util.List<String> files() throws IOException {
    try (Stream<String> names = filesStream()) {
      return names.filter(n -> !n.equals("unrelated.yaml")).toList();
    }
  }

  private static Application app(String json) {
    return ModelCodec.json().readApplication(json).value();
  }
}
