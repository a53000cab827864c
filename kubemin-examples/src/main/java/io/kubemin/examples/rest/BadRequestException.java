package io.kubemin.examples.rest;

import io.kubemin.error.KubeMinException;
import io.kubemin.error.ValidationError;
import java.util.List;

/**
 * A request the API refuses before the facade sees it, or refuses with the upstream's business code
 * for its route: a body that cannot be read, a missing field, invalid workflow steps.
 */
final class BadRequestException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Upstream {@code ErrApplicationConfig}: an application body that cannot be bound. */
  static final int APPLICATION_CONFIG = 10000;

  /** Upstream {@code ErrWorkflowConfig}: a workflow body that cannot be bound, or invalid steps. */
  static final int WORKFLOW_CONFIG = 20000;

  private final transient List<ValidationError> errors;

  BadRequestException(int businessCode, String message) {
    this(businessCode, message, List.of());
  }

  BadRequestException(int businessCode, String message, List<ValidationError> errors) {
    super(message, null, 400, businessCode);
    this.errors = List.copyOf(errors);
  }

  /** The validation errors behind the refusal, if any. */
  List<ValidationError> errors() {
    return errors;
  }
}
