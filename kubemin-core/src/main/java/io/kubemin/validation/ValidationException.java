package io.kubemin.validation;

import io.kubemin.error.KubeMinException;
import io.kubemin.error.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/** Input failed validation; nothing was stored or applied. Carries every error found. */
public final class ValidationException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  /** Business code of invalid input (upstream {@code ErrValidationFailed}); HTTP status 400. */
  public static final int CODE = 10020;

  private final transient List<ValidationError> errors;

  /**
   * @param errors the errors, at least one
   */
  public ValidationException(List<ValidationError> errors) {
    super(describe(errors), null, 400, CODE);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  private static String describe(List<ValidationError> errors) {
    String header =
        errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
    return errors.stream()
        .map(ValidationError::toString)
        .collect(Collectors.joining("; ", header + ": ", ""));
  }

  /** Every error, as {@link ValidationResult#errors()}. */
  public List<ValidationError> errors() {
    return errors;
  }
}
