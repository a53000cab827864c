package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Parsed;
import io.kubemin.render.Renderer;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code rule-cases.yaml}: per rule, a document that passes and one that fails exactly so. */
class RuleCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE =
      "{\"name\":\"demo\",\"component\":[{\"name\":\"web\",\"type\":\"webservice\",\"image\":\"nginx\"}]}";

  static Stream<Named<JsonNode>> cases() throws Exception {
    List<Named<JsonNode>> cases = new ArrayList<>();
    for (JsonNode ruleCase : loadCases()) {
      cases.add(Named.of(ruleCase.get("rule").asText(), ruleCase));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void validDocumentPassesAndRenders(JsonNode ruleCase) throws Exception {
    Parsed<Application> valid = merged(ruleCase.get("valid"));

    ValidationResult result = Validator.standard().validate(valid);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).as("typos in the case").isEmpty();
    if (!ruleCase.has("not_rendered")) {
      assertThat(Renderer.builder().build().render(valid.value()).objects()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void invalidDocumentFailsWithExactlyTheExpectedErrors(JsonNode ruleCase) throws Exception {
    Set<List<String>> expected = new HashSet<>();
    ruleCase.get("errors").forEach(e -> expected.add(List.of(e.asText().split(" "))));

    ValidationResult result = Validator.standard().validate(merged(ruleCase.get("invalid")));

    assertThat(UpstreamExamplesValidationTest.fieldsAndCodes(result.errors())).isEqualTo(expected);
    assertThat(result.warnings()).as("typos in the case").isEmpty();
    assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  @Test
  void everyErrorCodeHasACase() throws Exception {
    Set<String> covered = new HashSet<>();
    for (JsonNode ruleCase : loadCases()) {
      ruleCase.get("errors").forEach(e -> covered.add(e.asText().split(" ")[1]));
    }
    Set<String> errorCodes = new HashSet<>();
    for (Field field : ValidationCodes.class.getFields()) {
      errorCodes.add((String) field.get(null));
    }
    // Warnings only, and the code only plugins' component types produce (PluginValidationTest).
    errorCodes.removeAll(
        Set.of(ValidationCodes.UNKNOWN_FIELD, ValidationCodes.INVALID_COMPONENT_CONFIG));

    assertThat(covered).isEqualTo(errorCodes);
  }

  private static JsonNode loadCases() throws Exception {
    try (InputStream in = RuleCasesTest.class.getResourceAsStream("rule-cases.yaml")) {
      return new YAMLMapper().readTree(in);
    }
  }

  /** The base application with the case's top-level keys replaced and {@code web} merged in. */
  private static Parsed<Application> merged(JsonNode overrides) throws Exception {
    ObjectNode app = (ObjectNode) JSON.readTree(BASE);
    overrides
        .properties()
        .forEach(
            entry -> {
              if (entry.getKey().equals("web")) {
                ((ObjectNode) app.get("component").get(0)).setAll((ObjectNode) entry.getValue());
              } else {
                app.set(entry.getKey(), entry.getValue());
              }
            });
    return ModelCodec.json().readApplication(JSON.writeValueAsString(app));
  }
}
