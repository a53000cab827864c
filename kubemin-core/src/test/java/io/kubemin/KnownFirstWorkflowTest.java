package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.step;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.SpiedStore;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a store that prefers batches an instance execs an application's default workflow as it last
 * wrote or read it, without a listing; a change made elsewhere (another instance) is still what the
 * exec deploys.
 */
class KnownFirstWorkflowTest {
  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final AtomicInteger listings = new AtomicInteger();
  private final DataStore store =
      SpiedStore.preferringBatches(
          memory,
          (method, args) -> {
            if (method.equals("listWorkflows")) {
              listings.incrementAndGet();
            }
          });
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final List<KubeMin> instances = new ArrayList<>();

  @AfterEach
  void closeAll() {
    instances.forEach(KubeMin::close);
  }

  @Test
  void anInstanceExecsTheWorkflowItWroteWithoutListingIt() {
    KubeMin only = start("only");
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();
    int before = listings.get();

    Task task = awaitEnd(only, only.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.workflowId()).isEqualTo(memory.listWorkflows(appId).get(0).id());
    assertThat(listings.get()).as("listings of workflows by the exec").isEqualTo(before);
  }

  @Test
  void aWorkflowChangedByAnotherInstanceIsReadAgain() {
    KubeMin first = start("first");
    KubeMin second = start("second");
    Application shop = app("shop", List.of(web("web"), web("api")), step("web", "DAG", "web"));
    String appId = first.createApplication(shop).id();
    assertThat(awaitEnd(first, first.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

    second.createApplication(
        shop.toBuilder().id(appId).workflow(step("both", "DAG", "web", "api")).build());
    Task afterChange = awaitEnd(first, first.exec(appId));

    assertThat(afterChange.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(afterChange.workflowId()).isEqualTo(memory.listWorkflows(appId).get(0).id());
  }

  @Test
  void aWorkflowPutBeforeTheKnownOneInTheStoreIsTheNewDefault() {
    KubeMin only = start("only");
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();
    WorkflowRecord known = memory.listWorkflows(appId).get(0);
    assertThat(awaitEnd(only, only.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

    // Written by something else sharing the store: older than the known one, so now the first.
    WorkflowRecord older =
        new WorkflowRecord(
            Ids.newId(),
            appId,
            "older",
            null,
            known.steps(),
            known.createdAt().minusSeconds(60),
            known.updatedAt());
    memory.putWorkflow(older);
    Task task = awaitEnd(only, only.exec(appId));

    assertThat(task.workflowId()).isEqualTo(older.id());
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aLimitThatHoldsIsStillAConflict() {
    KubeMin only = start("only");
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();
    java.util.concurrent.CountDownLatch release =
        executor.hold(io.kubemin.render.Naming.deployment("web", appId));
    String running = only.exec(appId);

    assertThatThrownBy(() -> only.exec(appId))
        .isInstanceOf(TaskConflictException.class)
        .hasMessageContaining(running);
    release.countDown();
    assertThat(awaitEnd(only, running).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  private KubeMin start(String id) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }
}
