package io.kubemin.examples.docs;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Parsed;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.util.List;
import java.util.Set;

/** docs/validation.md: validate a JSON document and list its errors. */
public final class ValidationSample {
  private ValidationSample() {}

  /**
   * Every error of the document as {@code field code message}; empty when it is valid.
   *
   * @throws io.kubemin.model.ModelParseException when the JSON is malformed (with line and column)
   */
  public static List<String> errors(String json) {
    Parsed<Application> parsed = ModelCodec.json().readApplication(json);
    ValidationResult result =
        Validator.standard()
            .withCustomTraits(Set.of("my_trait")) // keys handled by your TraitProcessors
            .validate(parsed); // plus one UNKNOWN_FIELD warning per ignored field
    return result.errors().stream().map(ValidationSample::line).toList();
  }

  private static String line(ValidationError error) {
    return error.field() + " " + error.code() + " " + error.message();
  }
}
