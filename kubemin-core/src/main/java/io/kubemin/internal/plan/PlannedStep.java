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
 * @param units the units, run one after the other (none for a suspend step)
 * @param gate what a {@code suspend} step waits for, or null for a step that deploys
 */
public record PlannedStep(
    String name,
    Set<String> after,
    Duration timeout,
    int retryLimit,
    Duration backoff,
    List<PlanUnit> units,
    Gate gate) {
  public PlannedStep {
    after = Set.copyOf(after);
    units = List.copyOf(units);
  }

  /** A step that deploys. */
  public PlannedStep(
      String name,
      Set<String> after,
      Duration timeout,
      int retryLimit,
      Duration backoff,
      List<PlanUnit> units) {
    this(name, after, timeout, retryLimit, backoff, units, null);
  }

  /** Whether the task suspends when it reaches this step. */
  public boolean suspends() {
    return gate != null;
  }

  /** This step waiting only for those of {@code after} that are not {@code done}. */
  PlannedStep after(Set<String> done) {
    Set<String> left = new java.util.HashSet<>(after);
    left.removeAll(done);
    return new PlannedStep(name, left, timeout, retryLimit, backoff, units, gate);
  }

  /**
   * What a {@code suspend} step waits for.
   *
   * @param message its message, or null
   * @param timeout how long it waits for a resume, or null for ever
   */
  public record Gate(String message, Duration timeout) {}

  /** Number of jobs in the step. */
  public int jobCount() {
    int count = 0;
    for (PlanUnit unit : units) {
      count += unit.jobCount();
    }
    return count;
  }
}
