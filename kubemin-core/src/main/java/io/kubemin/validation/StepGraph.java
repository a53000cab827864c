package io.kubemin.validation;

import io.kubemin.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order steps wait for each other: a step waits for the steps its {@code depends_on} names, a
 * step without {@code depends_on} for the step before it. Reports unknown names and cycles.
 * Iterative, so a long workflow cannot overflow the stack.
 */
final class StepGraph {
  private final Findings findings;

  StepGraph(Findings findings) {
    this.findings = findings;
  }

  void check(List<Step> steps) {
    List<List<Integer>> waitsFor = edges(steps);
    boolean[] ordered = topologicalOrder(waitsFor);
    boolean[] seen = new boolean[steps.size()];
    for (int start = 0; start < steps.size(); start++) {
      if (!ordered[start] && !seen[start]) {
        List<Integer> cycle = walkToCycle(start, waitsFor, ordered, seen);
        if (!cycle.isEmpty()) {
          reportCycle(steps, cycle);
        }
      }
    }
  }

  private List<List<Integer>> edges(List<Step> steps) {
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      String name = steps.get(i).name();
      if (name != null && !name.isEmpty()) {
        indexByName.putIfAbsent(name, i);
      }
    }
    List<List<Integer>> waitsFor = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      List<String> dependsOn = steps.get(i).dependsOn();
      List<Integer> targets = new ArrayList<>();
      if (dependsOn.isEmpty() && i > 0) {
        targets.add(i - 1);
      }
      for (int d = 0; d < dependsOn.size(); d++) {
        Integer target = indexByName.get(dependsOn.get(d));
        if (target == null) {
          findings.error(
              "workflow[" + i + "].depends_on[" + d + "]",
              ValidationCodes.STEP_NOT_FOUND,
              "depends_on names no step of this workflow: " + Findings.quote(dependsOn.get(d)));
        } else {
          targets.add(target);
        }
      }
      waitsFor.add(targets);
    }
    return waitsFor;
  }

  /** Kahn's algorithm: which steps can be ordered; the others are on or behind a cycle. */
  private static boolean[] topologicalOrder(List<List<Integer>> waitsFor) {
    int size = waitsFor.size();
    int[] pending = new int[size];
    List<List<Integer>> waitedOnBy = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      waitedOnBy.add(new ArrayList<>());
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < size; i++) {
      pending[i] = waitsFor.get(i).size();
      for (int target : waitsFor.get(i)) {
        waitedOnBy.get(target).add(i);
      }
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    boolean[] ordered = new boolean[size];
    while (!ready.isEmpty()) {
      int step = ready.poll();
      ordered[step] = true;
      for (int waiter : waitedOnBy.get(step)) {
        if (--pending[waiter] == 0) {
          ready.add(waiter);
        }
      }
    }
    return ordered;
  }

  /**
   * Follows unordered dependencies from {@code start}; every unordered step has one, so the walk
   * meets either a step of this walk (a new cycle) or one of an earlier walk (nothing new).
   */
  private static List<Integer> walkToCycle(
      int start, List<List<Integer>> waitsFor, boolean[] ordered, boolean[] seen) {
    Map<Integer, Integer> positionInWalk = new HashMap<>();
    List<Integer> walk = new ArrayList<>();
    int current = start;
    while (!seen[current]) {
      seen[current] = true;
      positionInWalk.put(current, walk.size());
      walk.add(current);
      current = waitsFor.get(current).stream().filter(t -> !ordered[t]).findFirst().orElseThrow();
    }
    Integer cycleStart = positionInWalk.get(current);
    return cycleStart == null ? List.of() : walk.subList(cycleStart, walk.size());
  }

  private void reportCycle(List<Step> steps, List<Integer> cycle) {
    int reportAt =
        cycle.stream()
            .filter(i -> !steps.get(i).dependsOn().isEmpty())
            .min(Integer::compare)
            .orElse(cycle.get(0));
    List<Integer> loop = new ArrayList<>(cycle);
    loop.add(cycle.get(0));
    String path =
        loop.stream().map(i -> label(steps, i)).collect(Collectors.joining(" waits for "));
    boolean implicit = cycle.stream().anyMatch(i -> steps.get(i).dependsOn().isEmpty());
    findings.error(
        "workflow[" + reportAt + "].depends_on",
        ValidationCodes.DEPENDENCY_CYCLE,
        "steps wait for each other in a cycle: "
            + path
            + (implicit ? " (a step without depends_on waits for the step before it)" : ""));
  }

  private static String label(List<Step> steps, int index) {
    String name = steps.get(index).name();
    return name == null || name.isEmpty() ? "workflow[" + index + "]" : Findings.quote(name);
  }
}
