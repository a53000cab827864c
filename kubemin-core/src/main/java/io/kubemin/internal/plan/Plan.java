package io.kubemin.internal.plan;

import java.util.List;

/**
 * Everything a task will run: its steps (a graph through {@link PlannedStep#after()}) in workflow
 * order.
 *
 * @param steps the steps
 * @param rollbackOnFailure whether a task that does not complete deletes what its completed jobs
 *     created (the application's {@code rollback_on_failure})
 */
public record Plan(List<PlannedStep> steps, boolean rollbackOnFailure) {
  public Plan {
    steps = List.copyOf(steps);
  }

  /** Number of jobs in the plan. */
  public int jobCount() {
    return steps.stream().mapToInt(PlannedStep::jobCount).sum();
  }
}
