package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static io.kubemin.TestApps.webWithPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.model.RetrySpec;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutsAndRetriesTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private KubeMin kubemin;

  @AfterEach
  void close() {
    kubemin.close();
  }

  private KubeMin start(KubeMinBuilder builder) {
    kubemin = builder.jobExecutor(executor).build();
    kubemin.start();
    return kubemin;
  }

  @Test
  void aJobThatIsNeverReadyTimesOutTheTaskAndIsCleanedUp() {
    start(KubeMin.builder().defaultJobTimeout(Duration.ofMillis(200)));
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    executor.neverReady(deployment);

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(task.error()).contains(deployment).contains("deadline");
    assertThat(kubemin.taskStatus(task.id()).components())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("timeout"));
    assertThat(executor.cleanups()).extracting(j -> j.name()).containsExactly(deployment);
  }

  @Test
  void aStepTimeoutBoundsItsJobs() {
    start(KubeMin.builder());
    Step step = Step.builder().name("web").components("web").timeout("150ms").build();
    String appId = kubemin.createApplication(app("shop", List.of(web("web")), step)).id();
    executor.neverReady(Naming.deployment("web", appId));

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.TIMEOUT);
  }

  @Test
  void theTaskDeadlineStopsARunningJob() {
    start(KubeMin.builder().taskTimeout(Duration.ofMillis(300)));
    String appId =
        kubemin.createApplication(app("shop", List.of(web("first"), web("second")))).id();
    executor.delay(Naming.deployment("first", appId), Duration.ofMillis(200));
    executor.neverReady(Naming.deployment("second", appId));

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(task.error()).contains("deadline");
  }

  @Test
  void aFailingStepIsRetriedAndEveryTryIsRecorded() {
    start(KubeMin.builder());
    Step step =
        Step.builder().name("web").components("web").retries(new RetrySpec(3, "10ms")).build();
    String appId = kubemin.createApplication(app("shop", List.of(web("web")), step)).id();
    String deployment = Naming.deployment("web", appId);
    executor.failTimes(deployment, 2, "crash loop");

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(jobStatuses(task.id(), deployment))
        .containsExactly(JobStatus.FAILED, JobStatus.FAILED, JobStatus.COMPLETED);
    assertThat(kubemin.taskStatus(task.id()).components())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("completed"));
  }

  @Test
  void retriesEndWithTheLastFailureAndSkipJobsThatCompleted() {
    start(KubeMin.builder());
    Step step =
        Step.builder().name("web").components("web").retries(new RetrySpec(1, "10ms")).build();
    String appId = kubemin.createApplication(app("shop", List.of(webWithPort("web")), step)).id();
    String service = Naming.service("web", appId);
    executor.fail(service, "no endpoints");

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(jobStatuses(task.id(), service)).containsExactly(JobStatus.FAILED, JobStatus.FAILED);
    assertThat(jobStatuses(task.id(), Naming.deployment("web", appId)))
        .containsExactly(JobStatus.COMPLETED);
  }

  private List<JobStatus> jobStatuses(String taskId, String jobName) {
    return kubemin.jobs(taskId).stream()
        .filter(r -> r.name().equals(jobName))
        .map(JobRecord::status)
        .toList();
  }
}
