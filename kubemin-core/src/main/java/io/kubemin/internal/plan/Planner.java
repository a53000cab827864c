package io.kubemin.internal.plan;

import io.kubemin.internal.gc.GarbageFinder;
import io.kubemin.internal.gc.GarbageScope;
import io.kubemin.model.Step;
import io.kubemin.model.StepMode;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Job;
import io.kubemin.spi.RenderedObject;
import io.kubemin.spi.TasksWithInputs;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.validation.Durations;
import io.kubemin.workflow.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a task into a {@link Plan}: loads its workflow and application, renders the objects and
 * arranges them into steps, units and bands. Anything missing fails the plan with a clear message
 * (the upstream completed such tasks with zero jobs, B30).
 */
public final class Planner {
  /** Wait before the first retry of a step that sets a retry limit but no backoff. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

  private final DataStore store;
  private final Renderer renderer;
  private final GarbageFinder garbage;

  /** A planner whose plans collect no garbage. */
  public Planner(DataStore store, Renderer renderer) {
    this(store, renderer, null);
  }

  /**
   * @param garbage finds what a completed task deletes; null to collect nothing
   */
  public Planner(DataStore store, Renderer renderer, GarbageFinder garbage) {
    this.store = store;
    this.renderer = renderer;
    this.garbage = garbage;
  }

  /** The plan of a task, from what the store holds now. */
  public Plan plan(Task task) {
    WorkflowRecord workflow =
        store
            .findWorkflow(task.workflowId())
            .orElseThrow(
                () ->
                    new PlanningException(
                        "workflow '" + task.workflowId() + "' of the task no longer exists"));
    StoredApplication app =
        new StoredApplication(
            store
                .findApplication(task.appId())
                .orElseThrow(
                    () ->
                        new PlanningException(
                            "application '" + task.appId() + "' no longer exists")),
            store.listComponents(task.appId()));
    return plan(task.id(), app, workflow.steps());
  }

  /**
   * The inputs of each task's plan among what was read with it, by task id. A task whose workflow
   * or application is missing gets none (its plan then reads and fails with the usual message).
   */
  public Map<String, PlanInputs> inputsOf(TasksWithInputs read) {
    Map<String, WorkflowRecord> workflows = new HashMap<>();
    read.workflows().forEach(w -> workflows.put(w.id(), w));
    Map<String, ApplicationRecord> apps = new HashMap<>();
    read.applications().forEach(a -> apps.put(a.id(), a));
    Map<String, List<ComponentRecord>> components = new HashMap<>();
    read.components()
        .forEach(c -> components.computeIfAbsent(c.appId(), k -> new ArrayList<>()).add(c));
    Map<String, PlanInputs> inputs = new HashMap<>();
    for (Task task : read.tasks()) {
      WorkflowRecord workflow = workflows.get(task.workflowId());
      ApplicationRecord app = apps.get(task.appId());
      if (workflow != null && app != null) {
        List<ComponentRecord> own = components.getOrDefault(app.id(), List.of());
        inputs.put(task.id(), new PlanInputs(workflow, new StoredApplication(app, own)));
      }
    }
    return inputs;
  }

  /** The plan of a task from inputs read before ({@link #inputsOf}), or from the store if null. */
  public Plan plan(Task task, PlanInputs inputs) {
    if (inputs == null) {
      return plan(task);
    }
    return plan(task.id(), inputs.application(), inputs.workflow().steps());
  }

  /** The plan of these steps over a stored application. */
  public Plan plan(String taskId, StoredApplication app, List<Step> steps) {
    if (steps.isEmpty()) {
      throw new PlanningException("the workflow has no steps");
    }
    RenderedApplication objects;
    try {
      objects = renderer.render(app.toModel(steps), app.record().id(), app.componentIds());
    } catch (RuntimeException e) {
      throw new PlanningException("rendering failed: " + e.getMessage(), e);
    }
    UnitBuilder units = new UnitBuilder(taskId, app, objects);
    List<PlannedStep> planned = new ArrayList<>();
    String previous = null;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String name = stepName(step, i);
      Set<String> after =
          step.dependsOn().isEmpty()
              ? (previous == null ? Set.of() : Set.of(previous))
              : new LinkedHashSet<>(step.dependsOn());
      planned.add(
          step.suspends()
              ? new PlannedStep(
                  name,
                  after,
                  null,
                  0,
                  DEFAULT_RETRY_BACKOFF,
                  List.of(),
                  new PlannedStep.Gate(
                      step.message(), duration(step.timeout(), null, name, "timeout")))
              : new PlannedStep(
                  name,
                  after,
                  duration(step.timeout(), null, name, "timeout"),
                  retryLimit(step),
                  duration(
                      step.retries() == null ? null : step.retries().backoff(),
                      DEFAULT_RETRY_BACKOFF,
                      name,
                      "retries.backoff"),
                  units.forStep(step, name)));
      previous = name;
    }
    StepGraph.check(planned);
    return new Plan(
        planned,
        app.record().rollbackOnFailure(),
        garbage == null ? GarbageScope.NONE : new GarbageScope(garbage, app, objects));
  }

  /** The name of a step; unnamed steps are called {@code step-<n>} (1-based). */
  public static String stepName(Step step, int index) {
    return step.name() == null || step.name().isBlank() ? "step-" + (index + 1) : step.name();
  }

  private static int retryLimit(Step step) {
    if (step.retries() == null || step.retries().limit() == null) {
      return 0;
    }
    return Math.max(0, step.retries().limit());
  }

  private static Duration duration(String text, Duration absent, String step, String field) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PlanningException("step '" + step + "': " + field + " " + e.getMessage());
    }
  }

  /** Builds the units of steps from the rendered objects. */
  private static final class UnitBuilder {
    private final String taskId;
    private final StoredApplication app;
    private final RenderedApplication objects;

    UnitBuilder(String taskId, StoredApplication app, RenderedApplication objects) {
      this.taskId = taskId;
      this.app = app;
      this.objects = objects;
    }

    List<PlanUnit> forStep(Step step, String stepName) {
      List<PlanUnit> units = new ArrayList<>();
      List<String> own = step.componentNames();
      boolean dag = step.stepMode() == StepMode.DAG;
      if (dag && !own.isEmpty()) {
        units.add(unit(stepName, StepMode.DAG, stepName, own));
      } else {
        for (String component : own) {
          units.add(unit(component, StepMode.STEP_BY_STEP, stepName, List.of(component)));
        }
      }
      if (dag && !step.subSteps().isEmpty()) {
        List<String> all = new ArrayList<>();
        step.subSteps().forEach(sub -> all.addAll(sub.componentNames()));
        units.add(unit(stepName + "/sub-steps", StepMode.DAG, stepName, all));
      } else {
        for (int i = 0; i < step.subSteps().size(); i++) {
          Step sub = step.subSteps().get(i);
          String subName = stepName + "/" + stepName(sub, i);
          units.add(unit(subName, StepMode.STEP_BY_STEP, stepName, sub.componentNames()));
        }
      }
      return units;
    }

    private PlanUnit unit(String name, StepMode mode, String stepName, List<String> components) {
      java.util.TreeMap<Integer, List<Job>> bands = new java.util.TreeMap<>();
      for (String requested : components) {
        String component = resolve(requested, stepName);
        for (RenderedObject object : objects.forComponent(component)) {
          bands
              .computeIfAbsent(object.band(), b -> new ArrayList<>())
              .add(
                  new Job(
                      taskId,
                      app.record().id(),
                      stepName,
                      component,
                      object.kind(),
                      object.object()));
        }
      }
      return new PlanUnit(name, mode, new ArrayList<>(bands.values()));
    }

    /** The component's exact name; matched case-insensitively like the upstream. */
    private String resolve(String requested, String stepName) {
      for (var component : app.components()) {
        if (component.name().equals(requested)) {
          return requested;
        }
      }
      Set<String> names = new HashSet<>();
      for (var component : app.components()) {
        names.add(component.name());
      }
      return names.stream()
          .filter(n -> n.equalsIgnoreCase(requested))
          .findFirst()
          .orElseThrow(
              () ->
                  new PlanningException(
                      "step '"
                          + stepName
                          + "' names component '"
                          + requested
                          + "', which the application does not have"));
    }
  }
}
