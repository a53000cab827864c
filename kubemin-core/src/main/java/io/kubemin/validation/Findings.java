package io.kubemin.validation;

import io.kubemin.error.ValidationError;
import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings during one validation run. Not thread-safe: one per run. */
final class Findings {
  private final List<ValidationError> errors = new ArrayList<>();
  private final List<ValidationError> warnings = new ArrayList<>();

  void error(String field, String code, String message) {
    errors.add(new ValidationError(field, code, message));
  }

  void warning(ValidationError warning) {
    warnings.add(warning);
  }

  ValidationResult result() {
    return new ValidationResult(errors, warnings);
  }

  /** {@code 'value'} for messages, cut short so a huge value cannot flood the output. */
  static String quote(String value) {
    return "'" + Durations.abbreviate(value) + "'";
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
