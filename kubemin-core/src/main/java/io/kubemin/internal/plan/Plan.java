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

  /**
   * The plan without the steps already {@code done} (before the task suspended): the others no
   * longer wait for them.
   */
  public Plan without(java.util.Set<String> done) {
    if (done.isEmpty()) {
      return this;
    }
    return new Plan(
        steps.stream().filter(s -> !done.contains(s.name())).map(s -> s.after(done)).toList(),
        rollbackOnFailure,
        garbage);
  }

  /** Whether a step of the plan is a {@code suspend} step. */
  public boolean suspends() {
    for (PlannedStep step : steps) {
      if (step.suspends()) {
        return true;
      }
    }
    return false;
  }

  /** Number of jobs in the plan. */
  public int jobCount() {
    int count = 0;
    for (PlannedStep step : steps) {
      count += step.jobCount();
    }
    return count;
  }
}
