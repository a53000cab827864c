package io.kubemin.internal.engine;

import io.kubemin.spi.Job;
import io.kubemin.workflow.JobStatus;

/**
 * How one run of a job ended.
 *
 * @param job the job
 * @param status its status
 * @param error why it did not complete, else null
 * @param timedOutByItself whether the job's own deadline (not the task's) ended it
 */
record JobResult(Job job, JobStatus status, String error, boolean timedOutByItself) {

  boolean succeeded() {
    return status.succeeded();
  }

  /** Which of two failures decides the outcome: cancelled, then timeout, then failed. */
  static JobResult worse(JobResult a, JobResult b) {
    if (a == null) {
      return b;
    }
    return severity(b.status) > severity(a.status) ? b : a;
  }

  private static int severity(JobStatus status) {
    return switch (status) {
      case CANCELLED -> 3;
      case TIMEOUT -> 2;
      case FAILED -> 1;
      default -> 0;
    };
  }
}
