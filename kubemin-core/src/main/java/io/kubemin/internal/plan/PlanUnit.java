package io.kubemin.internal.plan;

import io.kubemin.model.StepMode;
import io.kubemin.spi.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Jobs that run together: bands in ascending order, each a barrier. {@link StepMode#STEP_BY_STEP}
 * runs the jobs of a band one at a time and stops at the first failure; {@link StepMode#DAG} runs
 * them all at once and lets every one finish.
 *
 * @param name the step, sub-step or component it came from (for logs)
 * @param mode how the jobs of a band run
 * @param bands the jobs, grouped by band, lowest band first
 */
public record PlanUnit(String name, StepMode mode, List<List<Job>> bands) {
  public PlanUnit {
    List<List<Job>> copies = new ArrayList<>(bands.size());
    for (List<Job> band : bands) {
      copies.add(List.copyOf(band));
    }
    bands = Collections.unmodifiableList(copies);
  }

  /** Number of jobs in the unit. */
  public int jobCount() {
    int count = 0;
    for (List<Job> band : bands) {
      count += band.size();
    }
    return count;
  }
}
