package io.kubemin.error;

import java.util.Objects;

/**
 * One problem found by the validator ({@code io.kubemin.validation.Validator}), in the upstream's
 * dry-run format.
 *
 * @param field JSON path of the offending value, such as {@code component[0].traits.probes[1].type}
 * @param code stable machine-readable code, one of {@code io.kubemin.validation.ValidationCodes}
 * @param message what is wrong and which rule applies, for a human
 */
public record ValidationError(String field, String code, String message) {
  // The value of ValidationCodes.UNKNOWN_FIELD, kept here so this leaf type needs no validator.
  private static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  public ValidationError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The warning for a field the reader did not know and ignored. */
  public static ValidationError unknownField(String path) {
    return new ValidationError(path, UNKNOWN_FIELD, "unknown field, ignored (check its spelling)");
  }

  /** {@code FIELD CODE MESSAGE}, the command line's one-line form. */
  @Override
  public String toString() {
    return field + " " + code + " " + message;
  }
}
