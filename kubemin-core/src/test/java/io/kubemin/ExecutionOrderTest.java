package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.config;
import static io.kubemin.TestApps.secret;
import static io.kubemin.TestApps.step;
import static io.kubemin.TestApps.web;
import static io.kubemin.TestApps.webWithPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.model.Step;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testing.RecordingJobExecutor.Call;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionOrderTest {
  private static final Duration SLOW = Duration.ofMillis(200);

  private final RecordingJobExecutor executor = new RecordingJobExecutor();
  private final KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build();

  @AfterEach
  void close() {
    kubemin.close();
  }

  private String create(List<io.kubemin.model.Component> components, Step... steps) {
    return kubemin.createApplication(app("shop", components, steps)).id();
  }

  private Task run(String appId) {
    kubemin.start();
    return awaitEnd(kubemin, kubemin.exec(appId));
  }

  private Call call(String jobName) {
    return executor.calls().stream()
        .filter(c -> c.job().name().equals(jobName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyJobOfABandEndsBeforeTheNextBandStarts() {
    String appId =
        create(
            List.of(webWithPort("web"), config("conf"), secret("creds")),
            step("all", "DAG", "web", "conf", "creds"));
    executor.delay("conf", SLOW);

    assertThat(run(appId).status()).isEqualTo(TaskStatus.COMPLETED);

    List<Call> calls = executor.calls();
    assertThat(calls).hasSize(4);
    long lastConfigEnd =
        calls.stream()
            .filter(c -> c.job().kind().band() == 0)
            .mapToLong(Call::endNanos)
            .max()
            .orElseThrow();
    long firstWorkloadStart =
        calls.stream()
            .filter(c -> c.job().kind().band() == 10)
            .mapToLong(Call::startNanos)
            .min()
            .orElseThrow();
    assertThat(lastConfigEnd).isLessThan(firstWorkloadStart);
  }

  @Test
  void stepByStepStopsAtTheFirstFailureAndCleansUpTheFailedJob() {
    String appId =
        create(
            List.of(web("aa"), web("bb"), web("cc")),
            step("rollout", "StepByStep", "aa", "bb", "cc"));
    executor.fail(Naming.deployment("bb", appId), "image pull failed");

    Task task = run(appId);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error()).contains(Naming.deployment("bb", appId)).contains("image pull failed");
    assertThat(executor.finishedNames())
        .containsExactly(Naming.deployment("aa", appId), Naming.deployment("bb", appId));
    assertThat(executor.cleanups())
        .extracting(j -> j.name())
        .containsExactly(Naming.deployment("bb", appId));
  }

  @Test
  void dagRunsTheJobsOfABandTogetherAndLetsThemAllFinish() {
    String appId =
        create(List.of(web("aa"), web("bb"), web("cc")), step("rollout", "DAG", "aa", "bb", "cc"));
    executor.delay(Naming.deployment("aa", appId), SLOW);
    executor.delay(Naming.deployment("cc", appId), SLOW);
    executor.fail(Naming.deployment("bb", appId), "boom");

    Task task = run(appId);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(call(Naming.deployment("aa", appId)).overlaps(call(Naming.deployment("cc", appId))))
        .isTrue();
    assertThat(executor.calls())
        .extracting(Call::result)
        .containsExactlyInAnyOrder("completed", "failed", "completed");
  }

  @Test
  void dependsOnOrdersStepsAndIndependentBranchesRunInParallel() {
    String appId =
        create(
            List.of(web("base"), web("left"), web("right"), web("join"), web("tail")),
            step("base", "StepByStep", "base"),
            Step.builder().name("left").components("left").dependsOn(List.of("base")).build(),
            Step.builder().name("right").components("right").dependsOn(List.of("base")).build(),
            Step.builder()
                .name("join")
                .components("join")
                .dependsOn(List.of("left", "right"))
                .build(),
            step("tail", "StepByStep", "tail"));
    executor.delay(Naming.deployment("left", appId), SLOW);
    executor.delay(Naming.deployment("right", appId), SLOW);

    assertThat(run(appId).status()).isEqualTo(TaskStatus.COMPLETED);

    Call base = call(Naming.deployment("base", appId));
    Call left = call(Naming.deployment("left", appId));
    Call right = call(Naming.deployment("right", appId));
    Call join = call(Naming.deployment("join", appId));
    Call tail = call(Naming.deployment("tail", appId));
    assertThat(left.overlaps(right)).isTrue();
    assertThat(base.endNanos()).isLessThan(Math.min(left.startNanos(), right.startNanos()));
    assertThat(join.startNanos()).isGreaterThan(Math.max(left.endNanos(), right.endNanos()));
    assertThat(tail.startNanos())
        .as("a step without depends_on follows the previous step")
        .isGreaterThan(join.endNanos());
  }

  @Test
  void aStepRunsItsOwnComponentsBeforeItsSubSteps() {
    Step step =
        Step.builder()
            .name("outer")
            .components("own")
            .subSteps(List.of(Step.builder().name("inner").components("sub").build()))
            .build();
    String appId = create(List.of(web("sub"), web("own")), step);

    assertThat(run(appId).status()).isEqualTo(TaskStatus.COMPLETED);

    assertThat(executor.finishedNames())
        .containsExactly(Naming.deployment("own", appId), Naming.deployment("sub", appId));
  }

  @Test
  void withoutStepsEachComponentIsAStepInOrder() {
    String appId = create(List.of(web("one"), web("two"), web("three")));

    assertThat(run(appId).status()).isEqualTo(TaskStatus.COMPLETED);

    assertThat(executor.finishedNames())
        .containsExactly(
            Naming.deployment("one", appId),
            Naming.deployment("two", appId),
            Naming.deployment("three", appId));
  }

  @Test
  void aJobNoExecutorSupportsFailsTheTaskClearly() {
    try (KubeMin configOnly =
        KubeMin.builder()
            .jobExecutor(new RecordingJobExecutor(java.util.Set.of(JobKind.CONFIG_MAP)))
            .build()) {
      configOnly.start();
      String appId =
          configOnly.createApplication(app("shop", List.of(config("conf"), web("web")))).id();

      Task task = awaitEnd(configOnly, configOnly.exec(appId));

      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(task.error()).contains("no JobExecutor supports Deployment jobs");
    }
  }
}
