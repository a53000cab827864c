package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.awaitStatus;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.Role;
import io.kubemin.spi.TaskChange;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.SpiedStore;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a store that prefers batches a worker runs a task read from the queue before its start is
 * written: a task that ends within the delay goes from queued to its end in one write; one that
 * runs longer gets its start written; a cancel or a crash meanwhile ends the task once.
 */
class DeferredStartTest {
  private static final Duration CLAIM_IDLE = Duration.ofMillis(1500);

  private final CasLog log = new CasLog(new InMemoryDataStore());
  private final Semaphore startsBlocked = new Semaphore(0);
  private final CountDownLatch startsReleased = new CountDownLatch(1);
  private volatile Starts starts = Starts.WRITTEN;
  private final DataStore store =
      SpiedStore.preferringBatches(
          log,
          (method, args) -> {
            if (method.equals("writeBatch") && starts != Starts.WRITTEN) {
              @SuppressWarnings("unchecked")
              List<TaskChange> changes = (List<TaskChange>) args[0];
              if (changes.stream().anyMatch(DeferredStartTest::isStart)) {
                if (starts == Starts.BLOCKED) {
                  startsBlocked.release();
                  startsReleased.await();
                }
                throw new DataStoreException("connection lost while writing task starts");
              }
            }
          });

  /** What becomes of the deferred starts' writes. */
  private enum Starts {
    WRITTEN,
    FAILED,
    BLOCKED
  }

  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final List<KubeMin> instances = new ArrayList<>();
  private final List<CountDownLatch> holds = new ArrayList<>();
  private Duration startWriteDelay = KubeMinBuilder.DEFAULT_START_WRITE_DELAY;

  @AfterEach
  void closeAll() {
    holds.forEach(CountDownLatch::countDown);
    startsReleased.countDown();
    instances.forEach(KubeMin::close);
  }

  @Test
  void aTaskThatEndsWithinTheDelayGoesFromQueuedToItsEndInOneWrite() {
    KubeMin api = start("api", Role.API, Role.DISPATCHER);
    start("worker", Role.WORKER);
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      taskIds.add(api.exec(api.createApplication(app("quick-" + i, List.of(web("web")))).id()));
    }

    for (String taskId : taskIds) {
      Task task = awaitEnd(api, taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(task.owner()).isEqualTo("worker");
      assertThat(task.startedAt()).isNotNull();
      assertThat(log.listJobs(taskId)).extracting(JobRecord::componentName).containsExactly("web");
      List<CasLog.Attempt> writes = writesAfterClaim(taskId);
      assertThat(writes)
          .as("the worker's writes of task " + taskId)
          .extracting(CasLog.Attempt::expected, a -> a.next().status(), CasLog.Attempt::won)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, TaskStatus.COMPLETED, true));
    }
  }

  @Test
  void aZeroDelayWritesEveryStartBeforeTheTaskRuns() {
    startWriteDelay = Duration.ZERO;
    KubeMin api = start("api", Role.API, Role.DISPATCHER);
    start("worker", Role.WORKER);
    String taskId = api.exec(api.createApplication(app("written", List.of(web("web")))).id());

    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(writesAfterClaim(taskId))
        .extracting(CasLog.Attempt::expected, a -> a.next().status(), CasLog.Attempt::won)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, TaskStatus.RUNNING, true),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.RUNNING, TaskStatus.COMPLETED, true));
  }

  @Test
  void aTaskStillRunningAfterTheDelayHasItsStartWritten() {
    KubeMin api = start("api", Role.API, Role.DISPATCHER);
    start("worker", Role.WORKER);
    String appId = api.createApplication(app("slow", List.of(web("web")))).id();
    CountDownLatch release = hold(Naming.deployment("web", appId));
    String taskId = api.exec(appId);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> log.findTask(taskId).orElseThrow().status() == TaskStatus.RUNNING);
    Task running = log.findTask(taskId).orElseThrow();
    assertThat(running.owner()).isEqualTo("worker");
    assertThat(running.leaseUntil()).isNotNull();
    release.countDown();

    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(writesAfterClaim(taskId))
        .extracting(CasLog.Attempt::expected, a -> a.next().status(), CasLog.Attempt::won)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, TaskStatus.RUNNING, true))
        .endsWith(
            org.assertj.core.groups.Tuple.tuple(TaskStatus.RUNNING, TaskStatus.COMPLETED, true));
  }

  @Test
  void aTaskReachingASuspendStepBeforeTheDelayHasItsStartWrittenThenSuspends() {
    KubeMin api = start("api", Role.API, Role.DISPATCHER);
    start("worker", Role.WORKER);
    Application gated =
        app(
            "gated",
            List.of(web("web")),
            Step.builder().name("deploy").components("web").build(),
            Step.builder().name("approve").type("suspend").build());
    String appId = api.createApplication(gated).id();
    String taskId = api.exec(appId);

    Task suspended = awaitStatus(api, taskId, TaskStatus.SUSPENDED);
    assertThat(suspended.owner()).isNull();
    assertThat(writesAfterClaim(taskId))
        .extracting(CasLog.Attempt::expected, a -> a.next().status(), CasLog.Attempt::won)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TaskStatus.QUEUED, TaskStatus.RUNNING, true),
            org.assertj.core.groups.Tuple.tuple(TaskStatus.RUNNING, TaskStatus.SUSPENDED, true));

    api.resume(taskId, "carol");
    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(executor.started(Naming.deployment("web", appId))).isEqualTo(1);
  }

  @Test
  void aCancelOnTheWorkersInstanceStopsATaskWhoseStartIsNotWritten() {
    start("dispatcher", Role.DISPATCHER);
    KubeMin worker = start("worker", Role.API, Role.WORKER);
    starts = Starts.FAILED; // the task stays queued in the store while it runs
    String appId = worker.createApplication(app("held", List.of(web("web")))).id();
    hold(Naming.deployment("web", appId));
    String taskId = worker.exec(appId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> executor.started(Naming.deployment("web", appId)) == 1);
    assertThat(log.findTask(taskId).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);

    worker.cancel(appId, taskId, "alice", "wrong version");

    Task ended = awaitEnd(worker, taskId);
    assertThat(ended.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(ended.error()).isEqualTo("wrong version");
    assertThat(executor.running()).as("jobs still running").isZero();
    assertThat(wonFinalWrites(taskId)).isEqualTo(1);
  }

  @Test
  void aWorkerKilledBeforeTheStartIsWrittenLeavesTheTaskToAnotherOnce() throws Exception {
    KubeMin api = start("api", Role.API, Role.DISPATCHER);
    KubeMin doomed = start("doomed", Role.WORKER);
    starts = Starts.BLOCKED;
    String appId = api.createApplication(app("moved", List.of(web("web")))).id();
    CountDownLatch doomedJob = hold(Naming.deployment("web", appId));
    String taskId = api.exec(appId);

    assertThat(startsBlocked.tryAcquire(10, TimeUnit.SECONDS))
        .as("the doomed worker writes the start of the task it runs")
        .isTrue();
    assertThat(log.findTask(taskId).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    doomed.crashForTesting();
    starts = Starts.WRITTEN;
    startsReleased.countDown();
    executor.delay(
        Naming.deployment("web", appId),
        Duration.ZERO); // the survivor's run of the job does not wait
    start("survivor", Role.WORKER);

    Task ended = awaitEnd(api, taskId, Duration.ofSeconds(20));
    doomedJob.countDown(); // the dead worker's thread wakes: its late end must be refused
    assertThat(ended.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(ended.owner()).isEqualTo("survivor");
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> wonFinalWrites(taskId) == 1);
    assertThat(log.findTask(taskId).orElseThrow().owner()).isEqualTo("survivor");
  }

  private static boolean isStart(TaskChange change) {
    return change.expectedStatus() == TaskStatus.QUEUED
        && change.next().status() == TaskStatus.RUNNING;
  }

  /** The compare-and-sets of the task after its claim (waiting -> queued), in order. */
  private List<CasLog.Attempt> writesAfterClaim(String taskId) {
    return log.attempts().stream()
        .filter(a -> a.taskId().equals(taskId))
        .filter(a -> a.next().status() != TaskStatus.QUEUED)
        .toList();
  }

  private long wonFinalWrites(String taskId) {
    return log.attempts().stream()
        .filter(a -> a.taskId().equals(taskId) && a.won() && a.next().status().terminal())
        .count();
  }

  private CountDownLatch hold(String jobName) {
    CountDownLatch latch = executor.hold(jobName);
    holds.add(latch);
    return latch;
  }

  private KubeMin start(String id, Role... roles) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .taskLease(Duration.ofSeconds(3))
            .claimIdle(CLAIM_IDLE)
            .startWriteDelay(startWriteDelay)
            .dispatchPollInterval(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ZERO)
            .build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }
}
