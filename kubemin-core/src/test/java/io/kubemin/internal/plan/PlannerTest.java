package io.kubemin.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Component;
import io.kubemin.model.RetrySpec;
import io.kubemin.model.Step;
import io.kubemin.model.StepMode;
import io.kubemin.render.Renderer;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String APP = "app00000000000000000000a";

  private final InMemoryDataStore store = new InMemoryDataStore();
  private final Planner planner = new Planner(store, Renderer.builder().build());
  private final StoredApplication app =
      new StoredApplication(
          new ApplicationRecord(
              APP, "shop", "default", "1.0.0", null, null, null, null, false, false, NOW, NOW),
          List.of(component("web", 0), component("api", 1), component("db", 2)));

  private static ComponentRecord component(String name, int ordinal) {
    Component spec = Component.builder().name(name).type("webservice").image("nginx:1.27").build();
    return new ComponentRecord(
        "id-" + name, APP, ordinal, spec, ComponentStatus.UNKNOWN, 0, NOW, NOW);
  }

  private Plan plan(Step... steps) {
    return planner.plan("task", app, List.of(steps));
  }

  private static List<String> components(PlanUnit unit) {
    return unit.bands().stream().flatMap(List::stream).map(Job::componentName).toList();
  }

  @Test
  void stepsWithoutDependsOnFollowThePreviousStep() {
    Plan plan =
        plan(
            Step.builder().name("one").components("web").build(),
            Step.builder().name("two").components("api").build(),
            Step.builder().name("three").components("db").dependsOn(List.of("one")).build());

    assertThat(plan.steps())
        .extracting(PlannedStep::after)
        .containsExactly(java.util.Set.of(), java.util.Set.of("one"), java.util.Set.of("one"));
    assertThat(plan.jobCount()).isEqualTo(3);
  }

  @Test
  void aStepByStepStepHasAUnitPerComponentAndPerSubStep() {
    Step step =
        Step.builder()
            .name("rollout")
            .components("web")
            .subSteps(
                List.of(
                    Step.builder().name("backend").components("api", "db").build(),
                    Step.builder().components("db").build()))
            .build();

    List<PlanUnit> units = plan(step).steps().get(0).units();

    assertThat(units)
        .extracting(PlanUnit::name)
        .containsExactly("web", "rollout/backend", "rollout/step-2");
    assertThat(units).extracting(PlanUnit::mode).containsOnly(StepMode.STEP_BY_STEP);
    assertThat(components(units.get(1))).containsExactly("api", "db");
  }

  @Test
  void aDagStepRunsItsOwnComponentsTogetherThenItsSubStepsTogether() {
    Step step =
        Step.builder()
            .name("rollout")
            .mode("DAG")
            .components("web", "api")
            .subSteps(List.of(Step.builder().name("data").components("db").build()))
            .build();

    List<PlanUnit> units = plan(step).steps().get(0).units();

    assertThat(units).extracting(PlanUnit::mode).containsExactly(StepMode.DAG, StepMode.DAG);
    assertThat(components(units.get(0))).containsExactly("web", "api");
    assertThat(components(units.get(1))).containsExactly("db");
  }

  @Test
  void componentsAreMatchedCaseInsensitivelyAndJobsGroupedByBand() {
    Plan plan = plan(Step.builder().name("all").components("WEB").build());

    PlanUnit unit = plan.steps().get(0).units().get(0);
    assertThat(unit.bands())
        .singleElement()
        .satisfies(
            band -> assertThat(band).extracting(Job::kind).containsExactly(JobKind.DEPLOYMENT));
    assertThat(components(unit)).containsExactly("web");
  }

  @Test
  void timeoutAndRetriesAreParsed() {
    PlannedStep step =
        plan(Step.builder()
                .name("web")
                .components("web")
                .timeout("1m30s")
                .retries(new RetrySpec(2, "500ms"))
                .build())
            .steps()
            .get(0);

    assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(step.retryLimit()).isEqualTo(2);
    assertThat(step.backoff()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void whatCannotRunFailsThePlanClearly() {
    assertThatThrownBy(() -> plan(Step.builder().name("x1").components("ghost").build()))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining(
            "step 'x1' names component 'ghost', which the application does not have");
    assertThatThrownBy(
            () ->
                plan(
                    Step.builder().name("x1").components("web").dependsOn(List.of("nope")).build()))
        .hasMessageContaining("depends on unknown step 'nope'");
    assertThatThrownBy(
            () ->
                plan(
                    Step.builder().name("a1").components("web").dependsOn(List.of("b1")).build(),
                    Step.builder().name("b1").components("api").dependsOn(List.of("a1")).build()))
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> plan()).hasMessageContaining("no steps");
  }

  @Test
  void aTaskWhoseWorkflowIsGoneCannotBePlanned() {
    Task task = Task.waiting("task", APP, "gone", "shop-workflow", NOW);

    assertThatThrownBy(() -> planner.plan(task))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("workflow 'gone' of the task no longer exists");
  }
}
