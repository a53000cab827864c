package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.render.Naming;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testing.RecordingJobExecutor.Call;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private KubeMin kubemin;

  @AfterEach
  void close() {
    kubemin.close();
  }

  private String startWithApp(KubeMinBuilder builder) {
    kubemin = builder.jobExecutor(executor).build();
    kubemin.start();
    return kubemin.createApplication(app("shop", List.of(web("web")))).id();
  }

  @Test
  void aSecondExecWhileATaskIsActiveIsAConflict() {
    String appId = startWithApp(KubeMin.builder());
    CountDownLatch release = executor.hold(Naming.deployment("web", appId));
    String first = kubemin.exec(appId);

    assertThatThrownBy(() -> kubemin.exec(appId))
        .isInstanceOfSatisfying(
            TaskConflictException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.businessCode()).isEqualTo(TaskConflictException.CODE);
              assertThat(e.activeTaskId()).isEqualTo(first);
            });
    assertThat(kubemin.tasks(appId)).extracting(t -> t.id()).containsExactly(first);
    release.countDown();
  }

  @Test
  void aTaskQueuedBehindStartsOnlyAfterTheActiveOneEnded() {
    String appId = startWithApp(KubeMin.builder());
    String deployment = Naming.deployment("web", appId);
    CountDownLatch release = executor.hold(deployment);
    String first = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 1);

    String second = kubemin.exec(appId, ExecOptions.queueBehind());

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .until(() -> executor.started(deployment) == 1);
    assertThat(kubemin.task(second).status()).isEqualTo(TaskStatus.WAITING);
    release.countDown();
    assertThat(awaitEnd(kubemin, first).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(awaitEnd(kubemin, second).status()).isEqualTo(TaskStatus.COMPLETED);
    List<Call> calls = executor.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).overlaps(calls.get(1))).isFalse();
  }

  @Test
  void withoutAPerApplicationLimitTasksOfOneApplicationRunTogether() {
    String appId = startWithApp(KubeMin.builder().maxActiveTasksPerApp(0));
    CountDownLatch release = executor.hold(Naming.deployment("web", appId));

    List<String> tasks = List.of(kubemin.exec(appId), kubemin.exec(appId), kubemin.exec(appId));

    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 3);
    release.countDown();
    tasks.forEach(t -> assertThat(awaitEnd(kubemin, t).status()).isEqualTo(TaskStatus.COMPLETED));
  }

  @Test
  void aFullWorkerStopsTakingTasks() {
    kubemin = KubeMin.builder().jobExecutor(executor).maxConcurrentTasks(2).build();
    kubemin.start();
    List<String> tasks = new ArrayList<>();
    List<CountDownLatch> releases = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String appId = kubemin.createApplication(app("shop-" + i, List.of(web("web")))).id();
      releases.add(executor.hold(Naming.deployment("web", appId)));
      tasks.add(kubemin.exec(appId));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 2);
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .until(() -> executor.running() == 2);
    assertThat(tasks.stream().map(kubemin::task).filter(t -> t.status() == TaskStatus.QUEUED))
        .hasSize(3);
    releases.forEach(CountDownLatch::countDown);
    tasks.forEach(t -> assertThat(awaitEnd(kubemin, t).status()).isEqualTo(TaskStatus.COMPLETED));
    assertThat(executor.maxConcurrency()).isEqualTo(2);
  }
}
