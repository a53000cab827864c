package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ModelParseException;
import io.kubemin.model.Parsed;
import io.kubemin.render.Renderer;
import io.kubemin.testing.UpstreamExamples;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Damages the upstream examples at random (fixed seed) and checks that reading and validating only
 * ever end in a {@link ModelParseException} or a {@link ValidationResult}, never another exception,
 * and that the renderer renders whatever the validator accepts.
 */
class ValidationFuzzTest {
  private static final long SEED = 0x6b75_6265_6d69_6eL;
  private static final int ITERATIONS = 10_000;
  private static final StreamWriteConstraints DEEP =
      StreamWriteConstraints.builder().maxNestingDepth(100_000).build();
  private static final ObjectMapper JSON =
      new ObjectMapper(JsonFactory.builder().streamWriteConstraints(DEEP).build());
  private static final Renderer RENDERER = Renderer.builder().build();
  private static final ObjectMapper YAML =
      new ObjectMapper(YAMLFactory.builder().streamWriteConstraints(DEEP).build());

  @Test
  void readingAndValidatingDamagedDocumentsOnlyReportsProblems() throws Exception {
    List<JsonNode> seeds = new ArrayList<>();
    for (Path file : UpstreamExamples.applications()) {
      seeds.add(JSON.readTree(file.toFile()));
    }
    Set<String> knownCodes = knownCodes();
    Random random = new Random(SEED);
    JsonTreeMutator mutator = new JsonTreeMutator(random);
    int parseErrors = 0;
    int invalid = 0;
    int valid = 0;

    for (int i = 0; i < ITERATIONS; i++) {
      JsonNode doc = seeds.get(random.nextInt(seeds.size())).deepCopy();
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        doc = mutator.mutate(doc);
      }
      String text = JSON.writeValueAsString(doc);
      // YAML is read by a slower parser: only for documents of ordinary size.
      boolean yaml = random.nextInt(8) == 0 && text.length() < 20_000;
      if (yaml) {
        text = YAML.writeValueAsString(doc);
      }
      try {
        Parsed<Application> parsed =
            (yaml ? ModelCodec.yaml() : ModelCodec.json()).readApplication(text);
        ValidationResult result = Validator.standard().validate(parsed);
        for (ValidationError error : result.errors()) {
          assertThat(error.field()).isNotBlank();
          assertThat(knownCodes).contains(error.code());
          assertThat(error.message()).isNotBlank().hasSizeLessThan(1000);
        }
        if (result.valid()) {
          // What the validator accepts, the renderer must be able to render.
          RENDERER.render(parsed.value());
          valid++;
        } else {
          invalid++;
        }
      } catch (ModelParseException e) {
        assertThat(e.getMessage()).isNotBlank();
        parseErrors++;
      } catch (Throwable t) {
        fail("iteration " + i + " threw on: " + abbreviate(text), t);
      }
    }

    // Each outcome occurs often, so the damage reaches the validator and not only the reader.
    assertThat(parseErrors).isGreaterThan(ITERATIONS / 20);
    assertThat(invalid).isGreaterThan(ITERATIONS / 20);
    assertThat(valid).isGreaterThan(ITERATIONS / 100);
  }

  private static Set<String> knownCodes() throws IllegalAccessException {
    Set<String> codes = new HashSet<>();
    for (Field field : ValidationCodes.class.getFields()) {
      codes.add((String) field.get(null));
    }
    return codes;
  }

  private static String abbreviate(String text) {
    return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
  }
}
