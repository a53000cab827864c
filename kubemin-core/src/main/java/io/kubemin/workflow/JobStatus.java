package io.kubemin.workflow;

/** The outcome of one job attempt. */
public enum JobStatus {
  /** Started, not finished (only seen in progress events). */
  RUNNING("running"),
  /** Applied and ready. */
  COMPLETED("completed"),
  /** Not applied on purpose (share strategy). */
  SKIPPED("skipped"),
  /** Apply or readiness failed. */
  FAILED("failed"),
  /** Not ready before the job's deadline. */
  TIMEOUT("timeout"),
  /** The task was cancelled while the job ran. */
  CANCELLED("cancelled");

  private final String jsonName;

  JobStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in the store and the REST API. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether the job let the workflow go on. */
  public boolean succeeded() {
    return this == COMPLETED || this == SKIPPED;
  }

  /** The status with this lower-case name. */
  public static JobStatus fromJsonName(String name) {
    for (JobStatus status : values()) {
      if (status.jsonName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown job status: " + name);
  }
}
