package io.kubemin.internal.app;

import io.kubemin.model.Step;
import io.kubemin.model.StepProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps workflow steps in line with a version update: removed components disappear from every step
 * (steps left empty disappear, and so do references to them in {@code depends_on}; a {@code
 * suspend} step, empty by nature, stays); added components get a step of their own at the end of
 * the default workflow.
 */
final class WorkflowSync {
  private WorkflowSync() {}

  static List<Step> sync(List<Step> steps, Collection<String> removed, List<String> added) {
    Set<String> gone = removed.stream().map(String::toLowerCase).collect(Collectors.toSet());
    List<Step> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Step step : steps) {
      Step pruned = prune(step, gone);
      if (!pruned.suspends() && pruned.componentNames().isEmpty() && pruned.subSteps().isEmpty()) {
        dropped.add(step.name());
      } else {
        kept.add(pruned);
      }
    }
    List<Step> result = new ArrayList<>();
    for (Step step : kept) {
      List<String> dependsOn = step.dependsOn().stream().filter(d -> !dropped.contains(d)).toList();
      result.add(copy(step, step.components(), step.properties(), step.subSteps(), dependsOn));
    }
    for (String name : added) {
      result.addAll(
          ApplicationService.defaultSteps(
              List.of(io.kubemin.model.Component.builder().name(name).build())));
    }
    return result;
  }

  private static Step prune(Step step, Set<String> gone) {
    List<Step> subSteps = new ArrayList<>();
    for (Step sub : step.subSteps()) {
      Step pruned = prune(sub, gone);
      if (!pruned.componentNames().isEmpty()) {
        subSteps.add(pruned);
      }
    }
    List<String> components = keep(step.components(), gone);
    StepProperties properties =
        step.properties() == null
            ? null
            : new StepProperties(keep(step.properties().policies(), gone));
    return copy(step, components, properties, subSteps, step.dependsOn());
  }

  private static List<String> keep(List<String> names, Set<String> gone) {
    return names.stream().filter(n -> !gone.contains(n.toLowerCase())).toList();
  }

  private static Step copy(
      Step step,
      List<String> components,
      StepProperties properties,
      List<Step> subSteps,
      List<String> dependsOn) {
    return new Step(
        step.name(),
        step.jobType(),
        step.mode(),
        components,
        properties,
        subSteps,
        dependsOn,
        step.timeout(),
        step.retries(),
        step.type(),
        step.message());
  }
}
