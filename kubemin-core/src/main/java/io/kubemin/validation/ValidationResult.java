package io.kubemin.validation;

import io.kubemin.error.ValidationError;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link Validator} found: errors make the input invalid, warnings (unknown fields, trait
 * keys no processor handles) do not.
 *
 * @param errors every error: application, then components (with their traits), then workflow
 * @param warnings every warning, likewise
 */
public record ValidationResult(List<ValidationError> errors, List<ValidationError> warnings) {
  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Whether there is no error. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /** This result with more warnings appended. */
  public ValidationResult withWarnings(List<ValidationError> moreWarnings) {
    List<ValidationError> all = new ArrayList<>(warnings);
    all.addAll(moreWarnings);
    return new ValidationResult(errors, all);
  }
}
