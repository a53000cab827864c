package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * A version update request is malformed (HTTP 400). The business code tells which rule it broke:
 * {@value #MISSING_VERSION} no version, {@value #INVALID_STRATEGY} unknown strategy, {@value
 * #COMPONENT_EXISTS} an added component exists already, {@value #INVALID_ACTION} unknown action.
 */
public final class InvalidVersionUpdateException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream {@code ErrApplicationConfig}: the request itself is invalid (no version). */
  public static final int MISSING_VERSION = 10000;

  /** Upstream {@code ErrInvalidUpdateStrategy}. */
  public static final int INVALID_STRATEGY = 10012;

  /** Upstream {@code ErrComponentAlreadyExists}. */
  public static final int COMPONENT_EXISTS = 10015;

  /** Upstream {@code ErrInvalidComponentAction}. */
  public static final int INVALID_ACTION = 10016;

  private final String field;

  /**
   * @param field JSON path of the offending field, such as {@code components[2].action}
   * @param message the rule broken
   * @param businessCode one of the constants of this class
   */
  public InvalidVersionUpdateException(String field, String message, int businessCode) {
    super(field + ": " + message, null, 400, businessCode);
    this.field = field;
  }

  /** JSON path of the offending field. */
  public String field() {
    return field;
  }
}
