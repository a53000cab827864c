package io.kubemin.internal.plan;

import io.kubemin.internal.gc.GarbageScope;
import java.util.List;

/**
 * Everything a task will run: its steps (a graph through {@link PlannedStep#after()}) in workflow
 * order.
 *
 * @param steps the steps
 * @param rollbackOnFailure whether a task that does not complete deletes what its completed jobs
 *     created (the application's {@code rollback_on_failure})
 * @param garbage what garbage collection looks at once every step completed
 */
public record Plan(List<PlannedStep> steps, boolean rollbackOnFailure, GarbageScope garbage) {
  public Plan {
    steps = List.copyOf(steps);
    garbage = garbage == null ? GarbageScope.NONE : garbage;
  }

  /** A plan that collects no garbage. */
  public Plan(List<PlannedStep> steps, boolean rollbackOnFailure) {
    this(steps, rollbackOnFailure, GarbageScope.NONE);
  }

  /** Number of jobs in the plan. */
  public int jobCount() {
    return steps.stream().mapToInt(PlannedStep::jobCount).sum();
  }
}
