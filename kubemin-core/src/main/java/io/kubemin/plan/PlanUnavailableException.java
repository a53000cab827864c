package io.kubemin.plan;

import io.kubemin.error.KubeMinException;

/**
 * A plan was asked of an instance without a {@link io.kubemin.spi.JobExecutor}: it has no cluster
 * to compare with (HTTP 501).
 */
public final class PlanUnavailableException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** HTTP status and business code. */
  public static final int NOT_IMPLEMENTED = 501;

  /** The exception, with a message saying what is missing. */
  public PlanUnavailableException() {
    super(
        "plan needs a JobExecutor to read the cluster, and this instance has none",
        null,
        NOT_IMPLEMENTED,
        NOT_IMPLEMENTED);
  }
}
