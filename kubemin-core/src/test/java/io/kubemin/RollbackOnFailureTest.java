package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.web;
import static io.kubemin.TestApps.webWithPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.Naming;
import io.kubemin.spi.Job;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testing.RecordingJobExecutor.Call;
import io.kubemin.testing.RecordingJobExecutor.Cleanup;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RollbackOnFailureTest {
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private KubeMin kubemin;
  private String appId;

  @AfterEach
  void close() {
    kubemin.close();
  }

  private void start(KubeMinBuilder builder) {
    kubemin = builder.jobExecutor(executor).build();
    kubemin.start();
  }

  /** api (Deployment + Service, band 10), then conf (ConfigMap, band 0), then web. */
  private String createShop(Boolean rollbackOnFailure) {
    List<Component> components = List.of(webWithPort("api"), config("conf"), web("web"));
    Application shop =
        app("shop", components).toBuilder().rollbackOnFailure(rollbackOnFailure).build();
    return kubemin.createApplication(shop).id();
  }

  /** Starts an engine, creates the shop and runs it with web's Deployment failing. */
  private Task execWithWebFailing(Boolean rollbackOnFailure) {
    start(KubeMin.builder());
    appId = createShop(rollbackOnFailure);
    executor.fail(Naming.deployment("web", appId), "image pull failed");
    return awaitEnd(kubemin, kubemin.exec(appId));
  }

  @Test
  void aFailedTaskDeletesWhatItsCompletedJobsCreatedHighestBandFirst() {
    Task task = execWithWebFailing(true);
    String failing = Naming.deployment("web", appId);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    List<String> completed = completedNames();
    assertThat(completed)
        .containsExactlyInAnyOrder(
            Naming.deployment("api", appId), Naming.service("api", appId), "conf");
    List<String> expectedRollback = new ArrayList<>(completed.subList(0, 2));
    Collections.reverse(expectedRollback);
    expectedRollback.add("conf");
    List<Cleanup> cleanups = executor.cleanupCalls();
    assertThat(cleanups.get(0).job().name()).isEqualTo(failing);
    assertThat(cleanups.subList(1, cleanups.size()))
        .extracting(c -> c.job().name())
        .containsExactlyElementsOf(expectedRollback);
    assertThat(cleanups)
        .allSatisfy(c -> assertThat(c.createdObjects()).containsExactly(c.job().object()));
    assertThat(task.error())
        .startsWith("Deployment/default/" + failing + " failed: image pull failed")
        .contains("rollback_on_failure: cleaned up 3 created object(s)")
        .contains("ConfigMap/default/conf");
  }

  @Test
  void withoutTheFlagOnlyTheFailedJobIsCleanedUp() {
    Task task = execWithWebFailing(null);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(executor.cleanups())
        .extracting(Job::name)
        .containsExactly(Naming.deployment("web", appId));
    assertThat(task.error()).doesNotContain("rollback");
  }

  @Test
  void aCancelledTaskIsRolledBack() {
    start(KubeMin.builder());
    appId = createShop(true);
    String held = Naming.deployment("web", appId);
    executor.hold(held);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(held) == 1);

    kubemin.cancel(appId, taskId, "alice", "wrong image");
    Task task = awaitEnd(kubemin, taskId);

    assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(task.error()).startsWith("wrong image; rollback_on_failure: cleaned up 3");
    assertThat(executor.cleanups())
        .extracting(Job::name)
        .containsExactlyInAnyOrder(
            held, Naming.deployment("api", appId), Naming.service("api", appId), "conf");
  }

  @Test
  void aTimedOutTaskIsRolledBack() {
    start(KubeMin.builder().defaultJobTimeout(Duration.ofMillis(200)));
    appId = createShop(true);
    executor.neverReady(Naming.deployment("web", appId));

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(task.error()).contains("rollback_on_failure: cleaned up 3");
    assertThat(executor.cleanups()).hasSize(4);
  }

  @Test
  void aFailingCleanupIsReportedAndTheOthersStillRun() {
    executor.failCleanup("conf", "forbidden");

    Task task = execWithWebFailing(true);

    assertThat(task.error())
        .contains("cleaned up 2 created object(s)")
        .contains("rollback incomplete: ConfigMap/default/conf (forbidden)");
    assertThat(executor.cleanups()).hasSize(4);
  }

  @Test
  void aCompletedTaskKeepsEverything() {
    start(KubeMin.builder());
    appId = createShop(true);

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(executor.cleanups()).isEmpty();
  }

  @Test
  void theFlagIsStoredAndAReplaceThatLeavesItOutKeepsIt() {
    start(KubeMin.builder());
    appId = createShop(true);
    assertThat(kubemin.application(appId).rollbackOnFailure()).isTrue();

    kubemin.createApplication(app("shop", List.of(web("web"))).toBuilder().id(appId).build());
    assertThat(kubemin.application(appId).rollbackOnFailure()).isTrue();

    kubemin.createApplication(
        app("shop", List.of(web("web"))).toBuilder().id(appId).rollbackOnFailure(false).build());
    assertThat(kubemin.application(appId).rollbackOnFailure()).isFalse();
  }

  private List<String> completedNames() {
    return executor.calls().stream()
        .filter(c -> c.result().equals("completed"))
        .map(Call::job)
        .map(Job::name)
        .toList();
  }
}
