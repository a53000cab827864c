package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Parsed;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.testing.UpstreamExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamExamplesValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> invalidExamples() {
    return UpstreamExamples.applications().stream()
        .filter(UpstreamExamplesValidationTest::expectsErrors);
  }

  static Stream<Path> validExamples() {
    return UpstreamExamples.applications().stream().filter(f -> !expectsErrors(f));
  }

  @ParameterizedTest
  @MethodSource("invalidExamples")
  void invalidExamplesGetExactlyTheirExpectedErrors(Path file) throws Exception {
    Set<List<String>> expected = new HashSet<>();
    for (JsonNode error : JSON.readTree(file.toFile()).get("_expected_errors")) {
      expected.add(List.of(error.get("field").asText(), error.get("code").asText()));
    }

    ValidationResult result = Validator.standard().validate(read(file));

    assertThat(result.valid()).isFalse();
    assertThat(fieldsAndCodes(result.errors())).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void otherExamplesAreValid(Path file) throws Exception {
    ValidationResult result = Validator.standard().validate(read(file));

    assertThat(result.errors()).isEmpty();
  }

  @Test
  void coversTheSevenInvalidExamplesAndAllOthers() {
    assertThat(invalidExamples()).hasSize(7);
    assertThat(validExamples()).hasSize(9);
  }

  @Test
  void workflowOnlyExampleHasAValidShape() throws Exception {
    Path file = UpstreamExamples.root().resolve("validation-try/10-try-workflow-request.json");
    Parsed<WorkflowRequest> parsed = ModelCodec.json().readWorkflowRequest(Files.readString(file));

    ValidationResult shape = Validator.standard().validateWorkflowShape(parsed.value().workflow());
    ValidationResult against =
        Validator.standard()
            .validateWorkflow(
                parsed.value().workflow(),
                List.of("app-config", "app-secret", "mysql", "redis", "backend", "frontend"));

    assertThat(shape.errors()).isEmpty();
    assertThat(against.errors()).isEmpty();
  }

  @Test
  void commentsAndExpectationsInExamplesAreUnknownFieldWarnings() throws Exception {
    Path file = UpstreamExamples.root().resolve("validation-try/03-invalid-name.json");

    ValidationResult result = Validator.standard().validate(read(file));

    assertThat(fieldsAndCodes(result.warnings()))
        .containsExactlyInAnyOrder(
            List.of("_comment", ValidationCodes.UNKNOWN_FIELD),
            List.of("_expected_errors", ValidationCodes.UNKNOWN_FIELD));
  }

  private static boolean expectsErrors(Path file) {
    try {
      return JSON.readTree(file.toFile()).has("_expected_errors");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Parsed<Application> read(Path file) throws Exception {
    return ModelCodec.json().readApplication(Files.readString(file));
  }

  static Set<List<String>> fieldsAndCodes(List<ValidationError> errors) {
    Set<List<String>> pairs = new HashSet<>();
    errors.forEach(e -> pairs.add(List.of(e.field(), e.code())));
    return pairs;
  }
}
