package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.step;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.render.Naming;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.FaultyStore;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Store outages at each point of a task's life (start, job record, final write, heartbeat), and a
 * worker that outlived its lease: no task ends with a job record missing, none runs twice at once.
 */
class StoreOutageTest {
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();
  private final FaultyStore faults = FaultyStore.over(new InMemoryDataStore());
  private final DataStore store = faults.target();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private KubeMin kubemin;

  @AfterEach
  void close() {
    faults.heal();
    if (kubemin != null) {
      kubemin.close();
    }
  }

  private KubeMin start(JobExecutor jobs) {
    kubemin =
        KubeMin.builder()
            .instanceId("one")
            .dataStore(faults.store())
            .queue(new InMemoryQueue())
            .jobExecutor(jobs)
            .clock(clock)
            .taskLease(LEASE)
            .claimIdle(Duration.ofMillis(50))
            .dispatchPollInterval(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ZERO)
            .build();
    kubemin.start();
    return kubemin;
  }

  private String twoStepApp() {
    return kubemin
        .createApplication(
            app(
                "shop",
                List.of(web("first"), web("second")),
                step("first", "StepByStep", "first"),
                step("second", "StepByStep", "second")))
        .id();
  }

  @Test
  void aStoreOutageWhenTheTaskStartsDelaysItOnly() {
    start(executor);
    String appId = twoStepApp();
    faults
        .when(
            c ->
                c.is("compareAndSet")
                    && c.arg(1) == TaskStatus.QUEUED
                    && ((Task) c.arg(3)).status() == TaskStatus.RUNNING)
        .failTimes(3);

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(faults.injected()).isEqualTo(3);
    assertThat(executor.started()).hasSize(2);
    assertThat(store.listJobs(task.id())).hasSize(2);
  }

  @Test
  void aJobRecordThatFailsToBeWrittenIsRetriedUntilItIsDurable() {
    start(executor);
    String appId = twoStepApp();
    faults.when(c -> c.is("insertJob")).failTimes(4);

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(store.listJobs(task.id()))
        .extracting(JobRecord::name)
        .containsExactly(Naming.deployment("first", appId), Naming.deployment("second", appId));
  }

  @Test
  void aTaskWhoseJobRecordCannotBeWrittenWithinTheLeaseDoesNotCompleteButFailsOver() {
    start(executor);
    String appId = twoStepApp();
    String first = Naming.deployment("first", appId);
    CountDownLatch gate = executor.hold(first);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(first) == 1);
    AtomicBoolean askedFromTheTask = new AtomicBoolean();
    FaultyStore.Rule outage =
        faults
            .when(
                c -> {
                  boolean read = c.is("findTask") || c.is("findTasks");
                  boolean hit = c.is("insertJob") || c.is("compareAndSet") || read;
                  if (read && c.onThread("kubemin-task")) {
                    askedFromTheTask.set(true);
                  }
                  return hit;
                })
            .fail();
    gate.countDown();
    // The worker retries the record until its own lease (less than 300 ms) has run out; then it
    // asks the store whether it still owns the task, fails to get an answer and gives up.
    await().atMost(Duration.ofSeconds(5)).untilTrue(askedFromTheTask);
    await()
        .pollDelay(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> executor.running() == 0);
    assertThat(executor.started(Naming.deployment("second", appId)))
        .as("the worker stops before the next job once its lease ran out")
        .isZero();
    outage.remove();
    assertThat(store.findTask(taskId).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    clock.advance(LEASE.multipliedBy(2));

    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(store.listJobs(taskId))
        .filteredOn(r -> r.attempt() == 2)
        .extracting(JobRecord::name)
        .containsExactly(first, Naming.deployment("second", appId));
    assertThat(executor.sameJobOverlaps()).isZero();
  }

  @Test
  void aHeartbeatThatFailsBrieflyKeepsTheTask() {
    start(executor);
    String appId = twoStepApp();
    String first = Naming.deployment("first", appId);
    CountDownLatch gate = executor.hold(first);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(first) == 1);
    faults
        .when(
            c ->
                c.is("compareAndSet")
                    && c.arg(1) == TaskStatus.RUNNING
                    && ((Task) c.arg(3)).status() == TaskStatus.RUNNING)
        .failTimes(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() == 2);
    gate.countDown();

    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(store.listJobs(taskId)).hasSize(2);
  }

  @Test
  void aWorkerPausedPastItsLeaseDoesNotStartAnotherJob() {
    start(executor);
    String appId = twoStepApp();
    String first = Naming.deployment("first", appId);
    String second = Naming.deployment("second", appId);
    CountDownLatch gate = executor.hold(first);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(first) == 1);
    // Renewals fail: by the worker's own clock its lease runs out while the job is held, as in a
    // process stopped for longer than its lease.
    AtomicBoolean renewedFromTheTask = new AtomicBoolean();
    FaultyStore.Rule noRenewals =
        faults
            .when(
                c -> {
                  boolean renewal =
                      c.is("compareAndSet")
                          && c.arg(1) == TaskStatus.RUNNING
                          && ((Task) c.arg(3)).status() == TaskStatus.RUNNING;
                  if (renewal && c.onThread("kubemin-task")) {
                    renewedFromTheTask.set(true);
                  }
                  return renewal;
                })
            .fail();
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() >= 3);
    gate.countDown();
    // Before the next job the worker finds its own lease over, tries one renewal and stops.
    await().atMost(Duration.ofSeconds(5)).untilTrue(renewedFromTheTask);
    await()
        .pollDelay(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> executor.running() == 0);

    assertThat(executor.started(second)).isZero();
    noRenewals.remove();
    clock.advance(LEASE.multipliedBy(2));
    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(executor.calls())
        .filteredOn(c -> c.job().name().equals(second))
        .extracting(RecordingJobExecutor.Call::attempt)
        .containsExactly(2);
  }

  @Test
  void executorsGetTheFencingTokenAndTheLeaseDeadline() {
    AtomicReference<Instant> deadline = new AtomicReference<>();
    AtomicReference<Integer> attempt = new AtomicReference<>();
    AtomicReference<Boolean> valid = new AtomicReference<>();
    JobExecutor inspecting =
        new JobExecutor() {
          @Override
          public boolean supports(JobKind kind) {
            return true;
          }

          @Override
          public JobOutcome run(Job job, JobContext context) {
            deadline.set(context.leaseDeadline());
            attempt.set(context.attempt());
            valid.set(context.leaseValid());
            return JobOutcome.completed();
          }
        };
    start(inspecting);
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    Instant now = clock.instant();

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(attempt.get()).isEqualTo(1);
    assertThat(valid.get()).isTrue();
    assertThat(deadline.get()).isAfter(now).isBefore(now.plus(LEASE));
  }
}
