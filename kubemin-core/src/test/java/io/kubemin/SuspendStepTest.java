package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.awaitStatus;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.validation.ValidationCodes;
import io.kubemin.validation.ValidationException;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Approval gates: {@code suspend} steps, {@code resume}, cancel and timeout of suspended tasks. */
class SuspendStepTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final List<String> events = new CopyOnWriteArrayList<>();

  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b ->
              b.clock(clock)
                  .taskLease(Duration.ofMillis(300))
                  .dispatchPollInterval(Duration.ofMillis(20))
                  .listener(new EventLog()));

  private static Application gated(String timeout) {
    return app(
        "shop",
        List.of(web("db"), web("web")),
        Step.builder().name("database").components("db").build(),
        Step.builder()
            .name("approve")
            .type(Step.TYPE_SUSPEND)
            .message("check the database migration")
            .timeout(timeout)
            .build(),
        Step.builder().name("frontend").components("web").build());
  }

  @Test
  void aTaskSuspendedOnOneInstanceIsResumedAndCompletedOnAnotherAfterTheFirstClosed() {
    KubeMin first = cluster.start("first", Role.values());
    String appId = first.createApplication(gated(null)).id();
    String taskId = first.exec(appId);

    Task suspended = awaitStatus(first, taskId, TaskStatus.SUSPENDED);
    assertThat(suspended.owner()).isNull();
    assertThat(suspended.leaseUntil()).isNull();
    assertThat(suspended.deadline()).isNull();
    assertThat(cluster.executor.started(Naming.deployment("db", appId))).isEqualTo(1);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isZero();
    assertThat(first.suspensions(taskId))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.step()).isEqualTo("approve");
              assertThat(s.message()).isEqualTo("check the database migration");
              assertThat(s.stepsDone()).containsExactly("database");
              assertThat(s.resumed()).isFalse();
            });
    assertThat(events).contains("suspended " + taskId + " approve");
    first.close();

    KubeMin second = cluster.start("second", Role.values());
    Task resumed = second.resume(taskId, "alice");
    assertThat(resumed.status()).isEqualTo(TaskStatus.WAITING);
    assertThat(resumed.attempt()).isEqualTo(suspended.attempt() + 1);
    Task done = awaitEnd(second, taskId);

    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(cluster.executor.started(Naming.deployment("db", appId)))
        .as("the step before the gate does not run again")
        .isEqualTo(1);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isEqualTo(1);
    TaskSuspension gate = second.suspensions(taskId).get(0);
    assertThat(gate.resumedBy()).isEqualTo("alice");
    assertThat(gate.resumedAt()).isEqualTo(clock.instant());
    assertThat(events).contains("resumed " + taskId + " approve by alice");
  }

  @Test
  void aSuspendStepThatIsNotResumedInTimeEndsTheTaskTimeout() {
    KubeMin kubemin = cluster.start("only", Role.values());
    String appId = kubemin.createApplication(gated("1h")).id();
    String taskId = kubemin.exec(appId);
    Task suspended = awaitStatus(kubemin, taskId, TaskStatus.SUSPENDED);
    assertThat(suspended.deadline()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

    clock.advance(Duration.ofMinutes(59));
    assertThat(kubemin.task(taskId).status()).isEqualTo(TaskStatus.SUSPENDED);
    clock.advance(Duration.ofMinutes(2));
    Task ended = awaitEnd(kubemin, taskId);

    assertThat(ended.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(ended.error()).contains("suspend step 'approve' was not resumed");
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isZero();
    assertThatThrownBy(() -> kubemin.resume(taskId, "late"))
        .isInstanceOfSatisfying(
            TaskNotSuspendedException.class,
            e -> assertThat(e.status()).isEqualTo(TaskStatus.TIMEOUT));
  }

  @Test
  void aDeadlineThatPassedWhileNoInstanceWasUpEndsTheTaskWhenOneStarts() {
    KubeMin first = cluster.start("first", Role.values());
    String appId = first.createApplication(gated("30m")).id();
    String taskId = first.exec(appId);
    awaitStatus(first, taskId, TaskStatus.SUSPENDED);
    first.close();

    clock.advance(Duration.ofHours(3));
    KubeMin later = cluster.start("later", Role.values());
    Task ended = awaitEnd(later, taskId);

    assertThat(ended.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isZero();
  }

  @Test
  void ofTwoResumesAtOnceExactlyOneWins() throws Exception {
    KubeMin a = cluster.start("a", Role.values());
    KubeMin b = cluster.start("b", Role.API);
    String appId = a.createApplication(gated(null)).id();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String taskId = a.exec(appId);
        awaitStatus(a, taskId, TaskStatus.SUSPENDED);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (KubeMin instance : List.of(a, b)) {
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      instance.resume(taskId, instance.instanceId());
                      return "won";
                    } catch (TaskNotSuspendedException e) {
                      return "lost: " + e.status().jsonName();
                    }
                  }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> call : calls) {
          results.add(call.get());
        }
        assertThat(results).containsOnlyOnce("won");
        assertThat(results).filteredOn(r -> r.startsWith("lost")).hasSize(1);
        assertThat(awaitEnd(a, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(a.suspensions(taskId).get(0).resumedBy()).isIn("a", "b");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSuspendedTaskIsCancelledAtOnceAndLetsTheNextTaskGo() {
    KubeMin kubemin = cluster.start("only", Role.values());
    String appId = kubemin.createApplication(gated(null)).id();
    String taskId = kubemin.exec(appId);
    awaitStatus(kubemin, taskId, TaskStatus.SUSPENDED);
    assertThatThrownBy(() -> kubemin.exec(appId))
        .as("a suspended task is active")
        .isInstanceOf(TaskConflictException.class);
    String behind = kubemin.exec(appId, ExecOptions.queueBehind());
    assertThat(kubemin.task(behind).status()).isEqualTo(TaskStatus.WAITING);

    Task cancelled = kubemin.cancel(appId, taskId, "bob", "not today");

    assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(cancelled.error()).isEqualTo("not today");
    assertThat(cancelled.cancelledBy()).isEqualTo("bob");
    assertThat(awaitStatus(kubemin, behind, TaskStatus.SUSPENDED).status())
        .isEqualTo(TaskStatus.SUSPENDED);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isZero();
  }

  @Test
  void aCancelRecordedJustBeforeTheTaskSuspendedEndsItOnceSuspended() {
    // The state a worker leaves when the cancel lands between its last heartbeat and its
    // running -> suspended write: suspended, with the request recorded.
    KubeMin api = cluster.start("api", Role.API);
    String appId = api.createApplication(gated(null)).id();
    Instant now = clock.instant();
    Task waiting = Task.waiting("t0000000000000000000000a", appId, "wf", "wf", now);
    cluster.store.insertTask(waiting, 0);
    Task running = waiting.withStatus(TaskStatus.RUNNING, now).withLease("gone", now);
    cluster.store.compareAndSet(waiting.id(), TaskStatus.WAITING, 1, running);
    cluster.store.requestCancel(waiting.id(), "bob", "stop it", now);
    Task suspended = running.withStatus(TaskStatus.SUSPENDED, now).withLease(null, null);
    cluster.store.compareAndSet(waiting.id(), TaskStatus.RUNNING, 1, suspended);

    KubeMin leader = cluster.start("leader", Role.values());
    Task ended = awaitEnd(leader, waiting.id());

    assertThat(ended.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(ended.error()).isEqualTo("stop it");
  }

  @Test
  void resumingATaskThatIsNotSuspendedSaysWhatItIs() {
    KubeMin kubemin = cluster.start("only", Role.values());
    String appId = kubemin.createApplication(app("plain", List.of(web("web")))).id();
    String taskId = kubemin.exec(appId);
    awaitEnd(kubemin, taskId);

    assertThatThrownBy(() -> kubemin.resume(taskId, "alice"))
        .isInstanceOfSatisfying(
            TaskNotSuspendedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(TaskStatus.COMPLETED);
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.businessCode()).isEqualTo(TaskNotSuspendedException.CODE);
            })
        .hasMessageContaining("is completed, not suspended");
    assertThatThrownBy(() -> kubemin.resume("nope", "alice"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(kubemin.suspensions(taskId)).isEmpty();
  }

  @Test
  void twoGatesInOneWorkflowEachWaitForTheirResume() {
    KubeMin kubemin = cluster.start("only", Role.values());
    Application app =
        app(
            "two-gates",
            List.of(web("db"), web("web")),
            Step.builder().name("first-gate").type("suspend").build(),
            Step.builder().name("database").components("db").build(),
            Step.builder().name("second-gate").type("suspend").build(),
            Step.builder().name("frontend").components("web").build());
    String appId = kubemin.createApplication(app).id();
    String taskId = kubemin.exec(appId);

    awaitStatus(kubemin, taskId, TaskStatus.SUSPENDED);
    assertThat(cluster.executor.started(Naming.deployment("db", appId))).isZero();
    kubemin.resume(taskId, "alice");
    await().atMost(Duration.ofSeconds(10)).until(() -> kubemin.suspensions(taskId).size() == 2);
    awaitStatus(kubemin, taskId, TaskStatus.SUSPENDED);
    assertThat(cluster.executor.started(Naming.deployment("db", appId))).isEqualTo(1);
    kubemin.resume(taskId, "bob");

    assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(cluster.executor.started(Naming.deployment("db", appId))).isEqualTo(1);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isEqualTo(1);
    assertThat(kubemin.suspensions(taskId))
        .extracting(TaskSuspension::step, TaskSuspension::resumedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first-gate", "alice"),
            org.assertj.core.groups.Tuple.tuple("second-gate", "bob"));
  }

  @Test
  void aGateAtTheEndHoldsTheTaskUntilResumedThenItCompletesWithoutRunningAgain() {
    KubeMin kubemin = cluster.start("only", Role.values());
    Application app =
        app(
            "sign-off",
            List.of(web("web")),
            Step.builder().name("deploy").components("web").build(),
            Step.builder().name("sign-off").type("suspend").build());
    String appId = kubemin.createApplication(app).id();
    String taskId = kubemin.exec(appId);
    awaitStatus(kubemin, taskId, TaskStatus.SUSPENDED);

    kubemin.resume(taskId, "carol");

    assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(cluster.executor.started(Naming.deployment("web", appId))).isEqualTo(1);
  }

  @Test
  void aVersionUpdateThatRemovesAComponentKeepsTheGate() {
    KubeMin kubemin = cluster.start("only", Role.API);
    String appId = kubemin.createApplication(gated(null)).id();

    kubemin.updateVersion(
        appId,
        new io.kubemin.model.VersionUpdate(
            "2.0.0",
            null,
            List.of(
                new io.kubemin.model.ComponentChange(
                    "remove", "db", null, null, java.util.Map.of(), null, null, null)),
            false,
            null));

    assertThat(kubemin.workflows(appId).get(0).steps())
        .extracting(Step::name, Step::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("approve", Step.TYPE_SUSPEND),
            org.assertj.core.groups.Tuple.tuple("frontend", null));
  }

  @Test
  void aSuspendStepIsReadFromYamlAndWrittenBackAsJson() {
    io.kubemin.model.Parsed<Application> parsed =
        io.kubemin.model.ModelCodec.yaml()
            .readApplication(
                """
                name: shop
                component:
                  - {name: web, type: webservice, image: nginx}
                workflow:
                  - name: approve
                    type: suspend
                    timeout: 2h
                    message: ask the on-call engineer
                  - {name: deploy, components: [web]}
                """);

    assertThat(parsed.unknownFields()).isEmpty();
    Step gate = parsed.value().workflow().get(0);
    assertThat(gate.suspends()).isTrue();
    assertThat(gate.timeout()).isEqualTo("2h");
    assertThat(gate.message()).isEqualTo("ask the on-call engineer");
    assertThat(io.kubemin.model.ModelCodec.json().write(gate))
        .contains("\"type\" : \"suspend\"", "\"message\" : \"ask the on-call engineer\"");
  }

  @Test
  void invalidSuspendStepsNameTheFieldAndTheRule() {
    KubeMin kubemin = cluster.start("only", Role.API);
    Application app =
        app(
            "bad-gates",
            List.of(web("web")),
            Step.builder().name("gate").type("suspend").components("web").timeout("soon").build(),
            Step.builder().name("odd").type("pause").components("web").build(),
            Step.builder().name("deploy").components("web").message("hello").build());

    assertThatThrownBy(() -> kubemin.createApplication(app))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationError::field, ValidationError::code)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple(
                            "workflow[0].components", ValidationCodes.INVALID_SUSPEND_STEP),
                        org.assertj.core.groups.Tuple.tuple(
                            "workflow[0].timeout", ValidationCodes.INVALID_DURATION),
                        org.assertj.core.groups.Tuple.tuple(
                            "workflow[1].type", ValidationCodes.INVALID_STEP_TYPE),
                        org.assertj.core.groups.Tuple.tuple(
                            "workflow[2].message", ValidationCodes.INVALID_SUSPEND_STEP)));
  }

  /** Notes suspend and resume events as text. */
  private final class EventLog implements WorkflowListener {
    @Override
    public void taskSuspended(TaskEvent event, TaskSuspension suspension) {
      if (event.status() == TaskStatus.SUSPENDED) {
        events.add("suspended " + event.taskId() + " " + suspension.step());
      }
    }

    @Override
    public void taskResumed(TaskEvent event, TaskSuspension suspension) {
      events.add(
          "resumed " + event.taskId() + " " + suspension.step() + " by " + suspension.resumedBy());
    }
  }
}
