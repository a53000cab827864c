package io.kubemin.internal.engine;

import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.TaskStatus;

/** Why a running task (and so its jobs) must stop early. */
enum StopReason {
  /** A user cancelled the task. */
  CANCELLED(TaskStatus.CANCELLED, JobStatus.CANCELLED),
  /** The task's deadline passed. */
  TIMEOUT(TaskStatus.TIMEOUT, JobStatus.TIMEOUT),
  /** This worker lost the task: another party changed it; write nothing more. */
  FENCED(null, JobStatus.CANCELLED),
  /** The engine is closing: hand the task back for another worker. */
  SHUTDOWN(null, JobStatus.CANCELLED);

  private final TaskStatus taskStatus;
  private final JobStatus jobStatus;

  StopReason(TaskStatus taskStatus, JobStatus jobStatus) {
    this.taskStatus = taskStatus;
    this.jobStatus = jobStatus;
  }

  /** The final task status, or null when this worker must not write one. */
  TaskStatus taskStatus() {
    return taskStatus;
  }

  /** The status of a job interrupted for this reason. */
  JobStatus jobStatus() {
    return jobStatus;
  }

  /** Whether the worker keeps writing results (job records, cleanup, final state). */
  boolean ownsResult() {
    return taskStatus != null;
  }
}
