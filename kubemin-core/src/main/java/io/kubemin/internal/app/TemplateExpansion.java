package io.kubemin.internal.app;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.validation.ValidationException;
import io.kubemin.validation.ValidationResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * An application after template instantiation, with where each of its components came from, so that
 * validation errors point at the request the user wrote rather than at the expanded list.
 *
 * @param application the application with template references replaced by clones
 * @param origins per component of {@code application}, in the same order
 */
public record TemplateExpansion(Application application, List<Origin> origins) {
  private static final Pattern COMPONENT_FIELD = Pattern.compile("^component\\[(\\d+)](.*)$");

  public TemplateExpansion {
    origins = List.copyOf(origins);
  }

  /** An application without template references: every component is its own origin. */
  static TemplateExpansion unchanged(Application app) {
    return new TemplateExpansion(
        app,
        IntStream.range(0, app.components().size())
            .mapToObj(i -> new Origin(i, null, null))
            .toList());
  }

  /** The exception with its errors pointing at the request's components. */
  public ValidationException relocate(ValidationException e) {
    return new ValidationException(relocate(e.errors()));
  }

  /** The result with its errors and warnings pointing at the request's components. */
  public ValidationResult relocate(ValidationResult result) {
    return new ValidationResult(relocate(result.errors()), relocate(result.warnings()));
  }

  private List<ValidationError> relocate(List<ValidationError> errors) {
    return errors.stream().map(this::relocate).toList();
  }

  private ValidationError relocate(ValidationError error) {
    Matcher field = COMPONENT_FIELD.matcher(error.field());
    if (!field.matches()) {
      return error;
    }
    int index = Integer.parseInt(field.group(1));
    if (index >= origins.size()) {
      return error;
    }
    Origin origin = origins.get(index);
    String message =
        origin.templateId() == null
            ? error.message()
            : error.message()
                + " (in the clone of component '"
                + origin.templateComponent()
                + "' of template '"
                + origin.templateId()
                + "')";
    return new ValidationError(
        "component[" + origin.requestIndex() + "]" + field.group(2), error.code(), message);
  }

  /**
   * Where an expanded component came from.
   *
   * @param requestIndex the request component it stands for: itself, or the entry that refers to
   *     the template (for a template component no entry matched: the template's first entry)
   * @param templateId the template application, or null for a component written out in the request
   * @param templateComponent the cloned template component, or null
   */
  public record Origin(int requestIndex, String templateId, String templateComponent) {}
}
