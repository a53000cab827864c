package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.Role;
import io.kubemin.spi.TaskChange;
import io.kubemin.testing.ManualClock;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group commit under faults: a store that prefers batches gets the engine's task writes in batches;
 * an engine dies while a batch is being written, or the store fails a batch. Every task of the
 * batch ends exactly once (one won compare-and-set to a final state) or is resumed elsewhere.
 */
class GroupCommitFaultsTest {
  private static final Duration LEASE = Duration.ofMillis(300);
  private static final int TASKS = 6;

  private final ManualClock clock = new ManualClock();
  private final CasLog log = new CasLog(new InMemoryDataStore());
  private final FaultyBatches faults = new FaultyBatches();
  private final DataStore store = faults.wrap(log);
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final List<KubeMin> instances = new ArrayList<>();

  @AfterEach
  void closeAll() {
    faults.release(false);
    instances.forEach(KubeMin::close);
  }

  @ParameterizedTest(name = "the batch in flight {0}")
  @ValueSource(strings = {"fails", "commits"})
  void anEngineKilledWhileItsBatchIsWrittenLosesNothingAndEndsEachTaskOnce(String inFlight)
      throws Exception {
    KubeMin leader = start("leader", Role.API, Role.DISPATCHER);
    KubeMin doomed = start("doomed", Role.WORKER);
    faults.block(change -> change.next().status().terminal() && "doomed".equals(owner(change)));
    List<String> taskIds = execAll(leader);

    assertThat(faults.blocked.tryAcquire(10, TimeUnit.SECONDS))
        .as("a batch of the doomed worker's results is being written")
        .isTrue();
    doomed.crashForTesting();
    faults.release(inFlight.equals("commits"));
    start("survivor", Role.WORKER);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              clock.advance(LEASE);
              return taskIds.stream()
                  .allMatch(id -> log.findTask(id).orElseThrow().status().terminal());
            });

    for (String taskId : taskIds) {
      Task task = awaitEnd(leader, taskId);
      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(wonFinalWrites(taskId)).as("final states written for " + taskId).isEqualTo(1);
      assertThat(log.listJobs(taskId))
          .extracting(JobRecord::attempt)
          .as("a job record of the attempt that completed")
          .contains(task.attempt());
    }
    if (inFlight.equals("fails")) {
      assertThat(taskIds.stream().map(id -> log.findTask(id).orElseThrow().owner()))
          .as("the survivor resumed what the dead worker had not written")
          .contains("survivor");
    }
  }

  @Test
  void aBatchTheStoreFailsIsResumedAndEachTaskEndsOnce() throws Exception {
    KubeMin kubemin = start("only", Role.values());
    AtomicInteger failures = new AtomicInteger();
    faults.failOnce(change -> change.next().status().terminal(), failures);
    List<String> taskIds = execAll(kubemin);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              clock.advance(LEASE);
              return taskIds.stream()
                  .allMatch(id -> log.findTask(id).orElseThrow().status().terminal());
            });

    assertThat(failures).hasValue(1);
    // the failed batch's final writes are retried while the lease holds (or the tasks resume as
    // their next attempt once it lapses): either way each task completes
    assertThat(taskIds)
        .allSatisfy(
            id ->
                assertThat(log.findTask(id).orElseThrow().status())
                    .isEqualTo(TaskStatus.COMPLETED));
    for (String taskId : taskIds) {
      assertThat(wonFinalWrites(taskId)).as("final states written for " + taskId).isEqualTo(1);
    }
  }

  @Test
  void aConfigMarkWhoseBatchFailedIsWrittenWithItsTasksEnd() throws Exception {
    KubeMin kubemin = start("only", Role.values());
    AtomicInteger failures = new AtomicInteger();
    faults.failOnceWithMarks(failures);
    List<String> appIds = new ArrayList<>();
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      String appId = kubemin.createApplication(app("marks-" + i, List.of(config("settings")))).id();
      appIds.add(appId);
      taskIds.add(kubemin.exec(appId));
    }

    for (String taskId : taskIds) {
      assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    assertThat(failures).hasValue(1);
    assertThat(appIds)
        .as("every applied config component is running once its task completed")
        .allSatisfy(
            appId ->
                assertThat(log.listComponents(appId))
                    .extracting(ComponentRecord::status)
                    .containsExactly(ComponentStatus.RUNNING));
  }

  private List<String> execAll(KubeMin api) {
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      String appId = api.createApplication(app("batch-" + i, List.of(web("web")))).id();
      taskIds.add(api.exec(appId));
    }
    return taskIds;
  }

  private long wonFinalWrites(String taskId) {
    return log.attempts().stream()
        .filter(a -> a.taskId().equals(taskId) && a.won() && a.next().status().terminal())
        .count();
  }

  private static String owner(TaskChange change) {
    return change.next().owner();
  }

  private KubeMin start(String id, Role... roles) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .clock(clock)
            .taskLease(LEASE)
            .maxConcurrentTasks(TASKS)
            // A start batch dropped by the crash leaves its messages unacknowledged: claim soon.
            .claimIdle(Duration.ofMillis(200))
            .dispatchPollInterval(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ZERO)
            .build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  /** Makes a store prefer batches, and blocks or fails the batches that match. */
  private static final class FaultyBatches {
    final Semaphore blocked = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Predicate<TaskChange> blocking;
    private volatile Predicate<TaskChange> failing;
    private volatile boolean commitBlocked;
    private volatile boolean failingMarks;
    private AtomicInteger failures;

    void block(Predicate<TaskChange> which) {
      blocking = which;
    }

    void failOnce(Predicate<TaskChange> which, AtomicInteger counter) {
      failures = counter;
      failing = which;
    }

    /** Fails the first batch that marks applied config components. */
    void failOnceWithMarks(AtomicInteger counter) {
      failures = counter;
      failingMarks = true;
    }

    void release(boolean commit) {
      commitBlocked = commit;
      released.countDown();
    }

    DataStore wrap(DataStore store) {
      return SpiedStore.preferringBatches(
          store,
          (method, args) -> {
            if (method.equals("writeBatch")) {
              @SuppressWarnings("unchecked")
              List<TaskChange> changes = (List<TaskChange>) args[0];
              if (args.length == 3 && !((List<?>) args[2]).isEmpty() && failingMarks) {
                failingMarks = false;
                failures.incrementAndGet();
                throw new DataStoreException("connection lost while marking components");
              }
              beforeWrite(changes);
            }
          });
    }

    private void beforeWrite(List<TaskChange> changes) throws InterruptedException {
      Predicate<TaskChange> fail = failing;
      if (fail != null && changes.stream().anyMatch(fail)) {
        failing = null;
        failures.incrementAndGet();
        throw new DataStoreException("connection lost while writing the batch");
      }
      Predicate<TaskChange> block = blocking;
      if (block != null && changes.stream().anyMatch(block)) {
        blocked.release();
        released.await();
        if (!commitBlocked) {
          throw new DataStoreException("connection lost: the process died mid-transaction");
        }
      }
    }
  }
}
