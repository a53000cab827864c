package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.Retention;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention: the leader purges ended tasks per application by count or age; default keeps all. */
class RetentionTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryDataStore store = new InMemoryDataStore();
  private KubeMin kubemin;

  @AfterEach
  void close() {
    if (kubemin != null) {
      kubemin.close();
    }
  }

  private KubeMin start(UnaryOperator<KubeMinBuilder> retention) {
    kubemin =
        retention
            .apply(
                KubeMin.builder()
                    .dataStore(store)
                    .jobExecutor(new RecordingJobExecutor())
                    .clock(clock)
                    .dispatchPollInterval(Duration.ofMillis(20)))
            .build();
    kubemin.start();
    return kubemin;
  }

  private List<String> runTasks(String appId, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = kubemin.exec(appId);
      awaitEnd(kubemin, id);
      ids.add(id);
      clock.advance(Duration.ofMinutes(1));
    }
    return ids;
  }

  @Test
  void byDefaultEveryEndedTaskIsKept() {
    start(b -> b);
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    List<String> ids = runTasks(appId, 5);

    assertThat(kubemin.tasks(appId)).extracting(Task::id).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void eachApplicationKeepsItsNewestEndedTasks() {
    start(b -> b.retention(Retention.keepLast(2)));
    String shop = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String blog = kubemin.createApplication(app("blog", List.of(web("web")))).id();

    List<String> shopTasks = runTasks(shop, 5);
    List<String> blogTasks = runTasks(blog, 2);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(kubemin.tasks(shop))
                    .extracting(Task::id)
                    .containsExactly(shopTasks.get(4), shopTasks.get(3)));
    assertThat(kubemin.tasks(blog))
        .extracting(Task::id)
        .containsExactlyInAnyOrderElementsOf(blogTasks);
    assertThat(store.listJobs(shopTasks.get(0))).isEmpty();
    assertThat(kubemin.jobs(shopTasks.get(4))).hasSize(1);
  }

  @Test
  void tasksOlderThanTheAgeLimitArePurgedAndAnApplicationMayKeepMore() {
    start(
        b ->
            b.retention(Retention.keepFor(Duration.ofMinutes(2)))
                .retention("kept", Retention.keepAll()));
    String shop = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    List<String> shopTasks = runTasks(shop, 4);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(kubemin.tasks(shop))
                    .extracting(Task::id)
                    .containsExactly(shopTasks.get(3), shopTasks.get(2)));
  }

  @Test
  void badPoliciesAreRefusedNamingTheLimit() {
    assertThatThrownBy(() -> Retention.keepLast(0)).hasMessageContaining("keepLast");
    assertThatThrownBy(() -> Retention.keepFor(Duration.ZERO)).hasMessageContaining("maxAge");
    assertThatThrownBy(() -> KubeMin.builder().retention(" ", Retention.keepAll()))
        .hasMessageContaining("appId");
  }

  @Test
  void aHistoryLargerThanOnePassIsPurgedWithoutWaitingForTheNextPass() {
    // One pass purges at most 20 batches of 500 per application; the next pass comes ten polls
    // (here a minute) later unless the purger knows it is behind.
    String appId = startWithoutEngine().createApplication(app("busy", List.of(web("web")))).id();
    String workflowId = kubemin.workflows(appId).get(0).id();
    kubemin.close();
    int history = 10_600;
    for (int i = 0; i < history; i++) {
      Task ended =
          Task.waiting(Ids.newId(), appId, workflowId, "default", clock.instant())
              .withStatus(TaskStatus.COMPLETED, clock.instant());
      store.insertTask(ended, 0);
      clock.advance(Duration.ofMillis(1));
    }
    start(b -> b.dispatchPollInterval(Duration.ofSeconds(30)).retention(Retention.keepLast(3)));

    await().atMost(Duration.ofSeconds(10)).until(() -> kubemin.tasks(appId).size() == 3);
  }

  @Test
  void aBusyHistoryIsPurgedBeforeTheNextIntervalOnceABatchOfTasksEnded() {
    // The interval between passes is here a minute; 500 ended tasks bring the next pass forward.
    start(b -> b.dispatchPollInterval(Duration.ofSeconds(30)).retention(Retention.keepLast(2)));
    String appId = kubemin.createApplication(app("busy", List.of(web("web")))).id();

    runTasks(appId, 1_000);

    await().atMost(Duration.ofSeconds(10)).until(() -> kubemin.tasks(appId).size() <= 502);
  }

  private KubeMin startWithoutEngine() {
    kubemin =
        KubeMin.builder()
            .dataStore(store)
            .jobExecutor(new RecordingJobExecutor())
            .clock(clock)
            .build();
    return kubemin;
  }
}
