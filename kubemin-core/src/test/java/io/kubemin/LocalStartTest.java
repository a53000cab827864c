package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.render.Naming;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Job;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.SpiedStore;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a store that prefers batches, an exec on the leader that knows its application as this
 * instance wrote it, with a task slot free, inserts its task already running and runs it at once:
 * no claim, no queue message, no start write or read. Whatever it skips, it deploys what is stored
 * and loses nothing.
 */
class LocalStartTest {
  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final AtomicInteger startReads = new AtomicInteger();
  private final DataStore store =
      SpiedStore.preferringBatches(
          memory,
          (method, args) -> {
            if (method.equals("startQueuedTasks") || method.equals("findTasksWithInputs")) {
              startReads.incrementAndGet();
            }
          });
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<KubeMin> instances = new ArrayList<>();

  @AfterEach
  void closeAll() {
    instances.forEach(KubeMin::close);
  }

  @Test
  void anExecOnTheLeaderRunsItsTaskAtOnceWithoutReadingItsApplication() {
    KubeMin only = start("only", b -> b);
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();

    String taskId = only.exec(appId);
    Task task = awaitEnd(only, taskId);

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.startedAt()).as("started with its exec").isEqualTo(task.createdAt());
    assertThat(startReads).as("reads of a task's start").hasValue(0);
    assertThat(executor.started(Naming.deployment("web", appId))).isEqualTo(1);
    assertThat(only.jobs(taskId)).hasSize(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("taskFinished " + taskId));
    assertThat(events)
        .as("the events of a task started with its exec")
        .containsExactly("taskQueued " + taskId, "taskStarted " + taskId, "taskFinished " + taskId);
  }

  @Test
  void anExecRefusedByTheLimitLeavesTheNextStartingWithItsExec() {
    KubeMin only = start("only", b -> b);
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();
    CountDownLatch release = executor.hold(Naming.deployment("web", appId));
    String running = only.exec(appId);

    assertThatThrownBy(() -> only.exec(appId)).isInstanceOf(TaskConflictException.class);
    release.countDown();
    assertThat(awaitEnd(only, running).status()).isEqualTo(TaskStatus.COMPLETED);
    Task next = awaitEnd(only, only.exec(appId));

    assertThat(next.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(next.startedAt()).as("started with its exec").isEqualTo(next.createdAt());
    assertThat(startReads).as("reads of a task's start").hasValue(0);
  }

  @Test
  void anApplicationWithSecretDataIsReadWhenItsTaskStartsNotKeptInMemory() {
    KubeMin only = start("only", b -> b);
    String appId =
        only.createApplication(app("shop", List.of(web("web"), TestApps.secret("token")))).id();

    Task task = awaitEnd(only, only.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(startReads.get()).as("reads of a task's start").isPositive();
  }

  @Test
  void aComponentChangedByAnotherInstanceIsWhatTheTaskDeploys() {
    KubeMin first = start("first", b -> b);
    KubeMin second = start("second", b -> b);
    Application shop = app("shop", List.of(web("web")));
    String appId = first.createApplication(shop).id();
    assertThat(awaitEnd(first, first.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);

    Component newImage = web("web").toBuilder().image("nginx:1.28").build();
    second.createApplication(shop.toBuilder().id(appId).components(List.of(newImage)).build());
    Task afterChange = awaitEnd(first, first.exec(appId));

    assertThat(afterChange.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(imageDeployedBy(afterChange.id())).isEqualTo("nginx:1.28");
  }

  @Test
  void aComponentWrittenInTheSameMillisecondAsTheKnownOneIsStillSeen() {
    ManualClock clock = new ManualClock();
    KubeMin only = start("only", b -> b.clock(clock));
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();
    ApplicationRecord written = memory.findApplication(appId).orElseThrow();

    // Another instance's replace at the very same instant (the clock does not move): the engine's
    // writes never reuse an updatedAt, so the insert's check still tells the change.
    KubeMin other = start("other", b -> b.clock(clock));
    other.createApplication(
        app("shop", List.of(web("web").toBuilder().image("nginx:1.28").build())).toBuilder()
            .id(appId)
            .build());
    assertThat(memory.findApplication(appId).orElseThrow().updatedAt())
        .isAfter(written.updatedAt());
    Task task = awaitEnd(only, only.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(imageDeployedBy(task.id())).isEqualTo("nginx:1.28");
  }

  @Test
  void aComponentChangedInTheStoreWithoutTheEngineIsNotDeployedFromWhatTheInstanceKnew() {
    KubeMin only = start("only", b -> b);
    String appId = only.createApplication(app("shop", List.of(web("web")))).id();

    // Written straight into the shared store, as another engine version or a migration would:
    // the application's updatedAt moves with its component.
    ComponentRecord web = memory.listComponents(appId).get(0);
    ApplicationRecord app = memory.findApplication(appId).orElseThrow();
    memory.putComponent(
        new ComponentRecord(
            web.id(),
            appId,
            web.ordinal(),
            web.spec().toBuilder().image("nginx:1.29").build(),
            web.status(),
            web.readyReplicas(),
            web.createdAt(),
            web.updatedAt().plusSeconds(1)));
    memory.putApplication(app.withUpdatedAt(app.updatedAt().plusSeconds(1)));
    Task task = awaitEnd(only, only.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(imageDeployedBy(task.id())).isEqualTo("nginx:1.29");
    assertThat(startReads.get()).as("reads of a task's start").isPositive();
  }

  @Test
  void withEveryTaskSlotTakenAnExecIsQueuedAndStartsWhenOneFrees() {
    KubeMin only = start("only", b -> b.maxConcurrentTasks(1));
    String busy = only.createApplication(app("busy", List.of(web("web")))).id();
    String next = only.createApplication(app("next", List.of(web("web")))).id();
    CountDownLatch release = executor.hold(Naming.deployment("web", busy));
    String busyTask = only.exec(busy);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> executor.started(Naming.deployment("web", busy)) == 1);

    String nextTask = only.exec(next);
    assertThat(only.task(nextTask).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(executor.started(Naming.deployment("web", next))).isZero();
    release.countDown();

    assertThat(awaitEnd(only, busyTask).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(awaitEnd(only, nextTask).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(executor.maxConcurrency()).isEqualTo(1);
  }

  @Test
  void tasksStartedWithTheirExecAndFromTheQueueTogetherStayWithinTheSlots() throws Exception {
    KubeMin only = start("only", b -> b.maxConcurrentTasks(2));
    List<String> appIds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String appId = only.createApplication(app("app-" + i, List.of(web("web")))).id();
      executor.delay(Naming.deployment("web", appId), Duration.ofMillis(30));
      appIds.add(appId);
    }
    List<String> taskIds = new CopyOnWriteArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (String appId : appIds) {
      Thread caller = new Thread(() -> taskIds.add(only.exec(appId)));
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join();
    }

    for (String taskId : taskIds) {
      assertThat(awaitEnd(only, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    }
    assertThat(taskIds).hasSize(8);
    assertThat(executor.maxConcurrency()).isBetween(1, 2);
  }

  @Test
  void aTaskStartedWithItsExecOnAnInstanceThatDiesIsTakenOverWhenItsLeaseRunsOut() {
    ManualClock clock = new ManualClock();
    Duration lease = Duration.ofMillis(300);
    UnaryOperator<KubeMinBuilder> settings =
        b ->
            b.clock(clock)
                .taskLease(lease)
                .dispatchPollInterval(Duration.ofMillis(50))
                .shutdownTimeout(Duration.ZERO);
    KubeMin doomed = start("doomed", settings);
    String appId = doomed.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch stuck = executor.hold(deployment);
    String taskId = doomed.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);
    assertThat(doomed.task(taskId).owner()).isEqualTo("doomed");

    doomed.crashForTesting();
    KubeMin survivor = start("survivor", settings);
    clock.advance(lease.multipliedBy(2));
    await().atMost(Duration.ofSeconds(10)).until(() -> executor.started(deployment) == 2);
    stuck.countDown();

    Task task = awaitEnd(survivor, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.owner()).isEqualTo("survivor");
    assertThat(task.attempt()).isEqualTo(2);
  }

  private String imageDeployedBy(String taskId) {
    return executor.started().stream()
        .filter(job -> job.taskId().equals(taskId))
        .map(Job::object)
        .map(Deployment.class::cast)
        .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .findFirst()
        .orElseThrow();
  }

  private KubeMin start(String id, UnaryOperator<KubeMinBuilder> settings) {
    KubeMin kubemin =
        settings
            .apply(
                KubeMin.builder()
                    .instanceId(id)
                    .dataStore(store)
                    .queue(queue)
                    .jobExecutor(executor)
                    .listener(
                        new WorkflowListener() {
                          @Override
                          public void taskQueued(TaskEvent event) {
                            events.add("taskQueued " + event.taskId());
                          }

                          @Override
                          public void taskStarted(TaskEvent event) {
                            events.add("taskStarted " + event.taskId());
                          }

                          @Override
                          public void taskFinished(TaskEvent event) {
                            events.add("taskFinished " + event.taskId());
                          }
                        }))
            .build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }
}
