package io.kubemin.internal.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that the steps of a plan form a graph that can run: unique names, known, no cycle. */
final class StepGraph {
  private StepGraph() {}

  static void check(List<PlannedStep> steps) {
    if (isChain(steps)) {
      return;
    }
    Map<String, PlannedStep> byName = new HashMap<>();
    for (PlannedStep step : steps) {
      if (byName.put(step.name(), step) != null) {
        throw new PlanningException("two steps are named '" + step.name() + "'");
      }
    }
    Map<String, Integer> waitingOn = new HashMap<>();
    for (PlannedStep step : steps) {
      for (String dependency : step.after()) {
        if (!byName.containsKey(dependency)) {
          throw new PlanningException(
              "step '" + step.name() + "' depends on unknown step '" + dependency + "'");
        }
      }
      waitingOn.put(step.name(), step.after().size());
    }
    Deque<String> ready = new ArrayDeque<>();
    for (PlannedStep step : steps) {
      if (step.after().isEmpty()) {
        ready.add(step.name());
      }
    }
    Set<String> done = new HashSet<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      done.add(name);
      for (PlannedStep step : steps) {
        if (step.after().contains(name) && waitingOn.merge(step.name(), -1, Integer::sum) == 0) {
          ready.add(step.name());
        }
      }
    }
    if (done.size() != steps.size()) {
      throw new PlanningException(
          "the steps' depends_on form a cycle through "
              + steps.stream().map(PlannedStep::name).filter(n -> !done.contains(n)).toList());
    }
  }

  /**
   * Whether the steps run one after the other, each after the one before it only, with distinct
   * names: the shape of most workflows, which cannot have a cycle, so it is checked without the
   * graph walk that every task would otherwise pay for.
   */
  private static boolean isChain(List<PlannedStep> steps) {
    for (int i = 0; i < steps.size(); i++) {
      Set<String> after = steps.get(i).after();
      boolean chained =
          i == 0 ? after.isEmpty() : after.size() == 1 && after.contains(steps.get(i - 1).name());
      if (!chained) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (steps.get(j).name().equals(steps.get(i).name())) {
          return false;
        }
      }
    }
    return true;
  }
}
