package io.kubemin.spi;

import io.kubemin.workflow.JobStatus;
import java.util.Objects;

/**
 * How a job ended, as its executor reports it.
 *
 * @param status completed, skipped or failed (timeout and cancel are decided by the engine)
 * @param message detail, such as why it failed or was skipped
 */
public record JobOutcome(JobStatus status, String message) {
  public JobOutcome {
    Objects.requireNonNull(status, "status");
  }

  /** Applied and ready. */
  public static JobOutcome completed() {
    return new JobOutcome(JobStatus.COMPLETED, null);
  }

  /** Deliberately not applied. */
  public static JobOutcome skipped(String reason) {
    return new JobOutcome(JobStatus.SKIPPED, reason);
  }

  /** Could not be applied or never became ready. */
  public static JobOutcome failed(String message) {
    return new JobOutcome(JobStatus.FAILED, message);
  }
}
