package io.kubemin.internal.plan;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A workflow step ready to run: what it waits for and its units in order (its own components first,
 * then its sub-steps).
 *
 * @param name the step name
 * @param after the steps that must complete before it starts
 * @param timeout bound of one try of the step, or null for none
 * @param retryLimit tries after the first when a job fails or times out
 * @param backoff wait before the first retry; doubles for each further retry
 * @param units the units, run one after the other
 */
public record PlannedStep(
    String name,
    Set<String> after,
    Duration timeout,
    int retryLimit,
    Duration backoff,
    List<PlanUnit> units) {
  public PlannedStep {
    after = Set.copyOf(after);
    units = List.copyOf(units);
  }

  /** Number of jobs in the step. */
  public int jobCount() {
    return units.stream().mapToInt(PlanUnit::jobCount).sum();
  }
}
