package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.secret;
import static io.kubemin.TestApps.step;
import static io.kubemin.TestApps.webWithPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionOrderTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();

  @AfterEach
  void close() {
    kubemin.close();
  }

  @Test
  void jobsRunBandByBand() {
    kubemin.start();
    String appId =
        kubemin
            .createApplication(
                app(
                    "shop",
                    List.of(webWithPort("web"), config("conf"), secret("creds")),
                    step("all", "DAG", "web", "conf", "creds")))
            .id();

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

    List<Integer> bands = executor.started().stream().map(Job::kind).map(JobKind::band).toList();
    assertThat(executor.started()).hasSize(4);
    assertThat(bands).isSorted();
  }
}
