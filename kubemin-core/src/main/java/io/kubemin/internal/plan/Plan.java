package io.kubemin.internal.plan;

import java.util.List;

/**
 * Everything a task will run: its steps (a graph through {@link PlannedStep#after()}) in workflow
 * order.
 *
 * @param steps the steps
 */
public record Plan(List<PlannedStep> steps) {
  public Plan {
    steps = List.copyOf(steps);
  }

  /** Number of jobs in the plan. */
  public int jobCount() {
    return steps.stream().mapToInt(PlannedStep::jobCount).sum();
  }
}
