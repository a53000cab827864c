package io.kubemin.spi;

/** Live status of a component's workload, kept up to date from informers. */
public enum ComponentStatus {
  /** All desired replicas ready. */
  RUNNING("Running"),
  /** Rolling out, scaling, or not all replicas ready. */
  PENDING("Pending"),
  /** Gone from the cluster or scaled to zero unexpectedly. */
  FAILED("Failed"),
  /** Not observed yet. */
  UNKNOWN("Unknown"),
  /** Stored, but no task has applied it yet. */
  NOT_DEPLOYED("Not Deploy");

  private final String jsonName;

  ComponentStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in the store and the REST API ({@code Running}, ...). */
  public String jsonName() {
    return jsonName;
  }

  /** The status with this name; unknown names map to {@link #UNKNOWN}. */
  public static ComponentStatus fromJsonName(String name) {
    for (ComponentStatus status : values()) {
      if (status.jsonName.equals(name)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
