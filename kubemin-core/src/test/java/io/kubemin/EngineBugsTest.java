package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.spi.Queue;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.FaultyQueue;
import io.kubemin.testsupport.FaultyStore;
import io.kubemin.testsupport.TrackingProviders;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine bugs of issue 13 (1-7), each reproduced through the public API. */
class EngineBugsTest {
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();
  private final FaultyStore faults = FaultyStore.over(new InMemoryDataStore());
  private final DataStore store = faults.target();
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final List<KubeMin> instances = new ArrayList<>();

  @AfterEach
  void closeAll() {
    faults.heal();
    instances.forEach(KubeMin::close);
  }

  private KubeMin start(
      String id, JobExecutor jobs, UnaryOperator<KubeMinBuilder> extra, Role... roles) {
    return start(id, queue, jobs, extra, roles);
  }

  private KubeMin start(
      String id, Queue via, JobExecutor jobs, UnaryOperator<KubeMinBuilder> extra, Role... roles) {
    KubeMinBuilder builder =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles.length == 0 ? Role.values() : roles)
            .dataStore(faults.store())
            .queue(via)
            .jobExecutor(jobs)
            .clock(clock)
            .taskLease(LEASE)
            .dispatchPollInterval(Duration.ofMillis(50))
            .shutdownTimeout(Duration.ZERO);
    KubeMin kubemin = extra.apply(builder).build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  private KubeMin start(String id, Role... roles) {
    return start(id, executor, b -> b, roles);
  }

  // Bug 1: a cancel stopped the lease renewal, so a long cleanup lost the task to the reaper.
  @Test
  void aCancelledTaskKeepsItsLeaseWhileItsCleanupTakesLongerThanTheLease() throws Exception {
    SlowCleanup slow = new SlowCleanup(executor);
    KubeMin kubemin = start("one", slow, b -> b);
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    executor.neverReady(deployment);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);

    kubemin.cancel(appId, taskId, "alice", "stop it");
    slow.entered.await();
    for (int i = 0; i < 6; i++) {
      clock.advance(LEASE.dividedBy(2));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () -> {
                Task task = store.findTask(taskId).orElseThrow();
                return task.attempt() != 1
                    || !task.leaseUntil().isBefore(clock.instant().plus(LEASE));
              });
      assertThat(store.findTask(taskId).orElseThrow().attempt())
          .as("the reaper must not take a task whose cleanup runs")
          .isEqualTo(1);
    }
    slow.release.countDown();

    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(store.listJobs(taskId))
        .extracting(JobRecord::status)
        .containsExactly(io.kubemin.workflow.JobStatus.CANCELLED);
  }

  // Bug 2: a second attempt of a task on the same instance hid the first one from the heartbeat.
  @Test
  void anEarlierAttemptStillRunningHereIsStoppedWhenALaterOneStartsHere() {
    KubeMin kubemin = start("one");
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch gate = executor.hold(deployment);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);

    FaultyStore.Rule heartbeatDown = faults.when(c -> c.onThread("kubemin-timer")).fail();
    clock.advance(LEASE.multipliedBy(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 2);
    heartbeatDown.remove();

    await()
        .atMost(Duration.ofSeconds(5))
        .alias("the heartbeat finds attempt 1 taken back and interrupts its job")
        .until(
            () ->
                executor.calls().stream()
                    .anyMatch(c -> c.attempt() == 1 && c.result().equals("interrupted")));
    gate.countDown();
    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(store.listJobs(taskId)).extracting(JobRecord::attempt).containsOnly(2);
  }

  // Bug 3: Errors killed engine threads silently.
  @Test
  void anErrorThrownByAnExecutorFailsTheJobAndTheWorkerGoesOn() {
    AtomicBoolean thrown = new AtomicBoolean();
    JobExecutor throwing =
        new Delegating(executor) {
          @Override
          public JobOutcome run(Job job, JobContext context) throws InterruptedException {
            if (thrown.compareAndSet(false, true)) {
              throw new AssertionError("executor bug");
            }
            return super.run(job, context);
          }
        };
    KubeMin kubemin = start("one", throwing, b -> b);
    String first = kubemin.createApplication(app("first", List.of(web("web")))).id();
    String second = kubemin.createApplication(app("second", List.of(web("web")))).id();

    Task failed = awaitEnd(kubemin, kubemin.exec(first));
    Task next = awaitEnd(kubemin, kubemin.exec(second));

    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.error()).contains("executor bug");
    assertThat(next.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void anErrorThrownByAListenerIsSkippedAndTheTaskCompletes() {
    WorkflowListener broken =
        new WorkflowListener() {
          @Override
          public void taskStarted(TaskEvent event) {
            throw new NoClassDefFoundError("listener bug");
          }

          @Override
          public void jobFinished(io.kubemin.workflow.JobEvent event) {
            throw new AssertionError("listener bug");
          }
        };
    KubeMin kubemin = start("one", executor, b -> b.listener(broken));
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void theDispatcherSurvivesAnErrorAndDispatchesOnceItIsGone() {
    start("leader", Role.DISPATCHER, Role.WORKER);
    KubeMin api = start("api", Role.API);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    FaultyStore.Rule broken =
        faults
            .when(c -> c.onThread("kubemin-dispatcher") && c.is("listTasksByStatus"))
            .failWith(() -> new AssertionError("dispatcher bug"));
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() >= 2);
    broken.remove();

    assertThat(awaitEnd(api, api.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aQueueReaderSurvivesAnError() {
    FaultyQueue flaky =
        FaultyQueue.over(queue).failReads(2, () -> new NoClassDefFoundError("reader bug"));
    KubeMin kubemin = start("one", flaky.queue(), executor, b -> b);
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void theHeartbeatSurvivesAnErrorAndKeepsRenewing() {
    KubeMin kubemin = start("one");
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch gate = executor.hold(deployment);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);
    faults
        // the heartbeat reads its tasks in one call
        .when(c -> c.onThread("kubemin-timer") && (c.is("findTask") || c.is("findTasks")))
        .failTimes(1)
        .failWith(() -> new AssertionError("heartbeat bug"));
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() == 1);

    for (int i = 0; i < 4; i++) {
      clock.advance(LEASE.dividedBy(2));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  !store
                      .findTask(taskId)
                      .orElseThrow()
                      .leaseUntil()
                      .isBefore(clock.instant().plus(LEASE)));
    }
    gate.countDown();
    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(1);
  }

  // Bug 4: a failed final write was not retried while the lease held; the whole task re-ran.
  @Test
  void aFailedFinalWriteIsRetriedWhileTheLeaseHolds() {
    KubeMin kubemin = start("one");
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    faults.when(c -> c.is("compareAndSet") && ((Task) c.arg(3)).status().terminal()).failTimes(2);

    Task task = awaitEnd(kubemin, kubemin.exec(appId));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(faults.injected()).isEqualTo(2);
    assertThat(store.listJobs(task.id())).hasSize(1);
  }

  // Bug 4: past its lease, a worker that could not ask the store assumed it still owned the task.
  @Test
  void pastItsLeaseAWorkerThatCannotReachTheStoreRecordsNothing() {
    KubeMin leader = start("leader", Role.API, Role.DISPATCHER);
    start("worker", Role.WORKER);
    String appId = leader.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch gate = executor.hold(deployment);
    String taskId = leader.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);

    FaultyStore.Rule cut =
        faults
            .when(
                c ->
                    (c.thread().getName().contains("-worker-")
                            && (c.is("findTask") || c.is("compareAndSet")))
                        || c.is("listExpiredLeases"))
            .fail();
    clock.advance(LEASE.multipliedBy(2));
    gate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.calls().size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 0);
    cut.remove();
    clock.advance(LEASE.multipliedBy(2));

    Task task = awaitEnd(leader, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(store.listJobs(taskId))
        .extracting(JobRecord::attempt)
        .as("the worker that lost track of its lease records nothing for attempt 1")
        .containsExactly(2);
  }

  // Bug 5: a step that threw ended the task while sibling steps still applied objects.
  @Test
  void aTaskEndsOnlyAfterEveryParallelStepStopped() {
    KubeMin kubemin = start("one");
    String appId =
        kubemin
            .createApplication(
                app(
                    "shop",
                    List.of(web("first"), web("aa"), web("bb")),
                    Step.builder().name("first").components("first").build(),
                    Step.builder().name("aa").components("aa").dependsOn(List.of("first")).build(),
                    Step.builder().name("bb").components("bb").dependsOn(List.of("first")).build()))
            .id();
    String a = Naming.deployment("aa", appId);
    String b = Naming.deployment("bb", appId);
    CountDownLatch holdB = executor.hold(b);
    faults
        .when(c -> c.is("insertJob") && ((JobRecord) c.arg(0)).name().equals(a))
        .failWith(() -> new AssertionError("engine fault"));
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() == 1);

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !store.findTask(taskId).orElseThrow().status().terminal());
    assertThat(executor.running()).isEqualTo(1);
    holdB.countDown();

    Task task = awaitEnd(kubemin, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error()).contains("engine fault");
    assertThat(executor.running()).isZero();
  }

  // Bug 6: taskQueued fired before an enqueue that could fail, and again when it was retried.
  @Test
  void taskQueuedFiresOncePerAttemptWhenAFailedOfferIsRetried() {
    FaultyQueue flaky = FaultyQueue.over(queue).failEnqueues(1);
    AtomicInteger queued = new AtomicInteger();
    WorkflowListener counting =
        new WorkflowListener() {
          @Override
          public void taskQueued(TaskEvent event) {
            queued.incrementAndGet();
          }
        };
    KubeMin kubemin = start("one", flaky.queue(), executor, b -> b.listener(counting));
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThat(awaitEnd(kubemin, kubemin.exec(appId)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(queued).hasValue(1);
  }

  // Bug 6: the constructor leaked the store and queue it opened when a later part failed.
  @Test
  void aFailedBuildClosesTheStoreAndQueueItOpened() {
    TrackingProviders.OPENED.clear();
    TraitProcessor nameless =
        new TraitProcessor() {
          @Override
          public String name() {
            return "";
          }

          @Override
          public void apply(TraitContext context, com.fasterxml.jackson.databind.JsonNode spec) {}
        };

    assertThatThrownBy(
            () ->
                KubeMin.builder()
                    .dataStoreUri("jdbc:tracking")
                    .queueUri("memory")
                    .jobExecutor(executor)
                    .traitProcessor(nameless)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no trait name");
    assertThat(TrackingProviders.OPENED).hasSize(1).allMatch(AtomicBoolean::get);
  }

  // Bug 6: delete checked for active tasks and deleted in separate steps.
  @Test
  void anExecDuringADeleteKeepsTheApplicationAndItsTask() {
    AtomicBoolean execOnce = new AtomicBoolean();
    List<String> slipped = new ArrayList<>();
    List<KubeMin> self = new ArrayList<>();
    JobExecutor racing =
        new Delegating(executor) {
          @Override
          public boolean delete(Job job) {
            if (execOnce.compareAndSet(false, true)) {
              slipped.add(self.get(0).exec(job.appId()));
            }
            return super.delete(job);
          }
        };
    KubeMin kubemin = start("api", racing, b -> b, Role.API);
    self.add(kubemin);
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    assertThatThrownBy(() -> kubemin.deleteApplication(appId))
        .isInstanceOf(TaskConflictException.class);
    assertThat(kubemin.application(appId).id()).isEqualTo(appId);
    assertThat(kubemin.task(slipped.get(0)).status()).isEqualTo(TaskStatus.WAITING);
  }

  // Bug 7: a thread per DAG job; now bounded, the task's thread runs the rest itself.
  @Test
  void aWideDagRunsOnABoundedNumberOfThreads() {
    KubeMin kubemin = start("one", executor, b -> b.maxConcurrentTasks(1));
    List<Component> components = IntStream.range(0, 30).mapToObj(i -> web("web" + i)).toList();
    String appId =
        kubemin
            .createApplication(
                app(
                    "wide",
                    components,
                    Step.builder()
                        .name("all")
                        .mode("DAG")
                        .components(components.stream().map(Component::name).toList())
                        .build()))
            .id();
    List<CountDownLatch> gates =
        components.stream().map(c -> executor.hold(Naming.deployment(c.name(), appId))).toList();
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 17);
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> executor.running() <= 17);
    gates.forEach(CountDownLatch::countDown);

    assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(executor.maxConcurrency()).isEqualTo(17);
    assertThat(store.listJobs(taskId)).hasSize(30);
  }

  /** An executor whose cleanup waits until the test releases it. */
  private static final class SlowCleanup extends Delegating {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    SlowCleanup(JobExecutor delegate) {
      super(delegate);
    }

    @Override
    public void cleanup(Job job, JobContext context) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.cleanup(job, context);
    }
  }

  /** Delegates everything; tests override what they change. */
  private static class Delegating implements JobExecutor {
    private final JobExecutor delegate;

    Delegating(JobExecutor delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean supports(JobKind kind) {
      return delegate.supports(kind);
    }

    @Override
    public JobOutcome run(Job job, JobContext context) throws InterruptedException {
      return delegate.run(job, context);
    }

    @Override
    public void cleanup(Job job, JobContext context) {
      delegate.cleanup(job, context);
    }

    @Override
    public boolean delete(Job job) {
      return delegate.delete(job);
    }
  }
}
