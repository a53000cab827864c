package io.kubemin.internal.plan;

import io.kubemin.error.KubeMinException;

/** A task cannot be planned: its workflow, application or a component is missing or invalid. */
public final class PlanningException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is missing or wrong
   */
  public PlanningException(String message) {
    super(message);
  }

  /**
   * @param message what is missing or wrong
   * @param cause the underlying failure
   */
  public PlanningException(String message, Throwable cause) {
    super(message, cause);
  }
}
