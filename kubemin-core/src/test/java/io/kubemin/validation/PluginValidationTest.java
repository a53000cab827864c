package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubemin.DryRunResult;
import io.kubemin.KubeMin;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.render.ComponentRenderContext;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.render.Renderer;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules plugins bring: their trait keys, component types and own checks. */
class PluginValidationTest {

  /** Type {@code note}: a ConfigMap holding {@code properties.text}, which is required. */
  static final class NoteType implements ComponentTypeRenderer {
    @Override
    public String type() {
      return "note";
    }

    @Override
    public List<ValidationError> validate(Component component, String path) {
      JsonNode text = component.properties().extra().get("text");
      return text != null && text.isTextual()
          ? List.of()
          : List.of(
              new ValidationError(
                  path + ".properties.text",
                  ValidationCodes.INVALID_COMPONENT_CONFIG,
                  "text is required"));
    }

    @Override
    public void render(ComponentRenderContext context) {
      context.addObject(
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName("note-" + context.component().name())
              .withLabels(context.labels())
              .endMetadata()
              .addToData("text", context.component().properties().extra().get("text").asText())
              .build());
    }
  }

  /** Trait {@code quota}: {@code max} must be positive. */
  static final class QuotaTrait implements TraitProcessor {
    @Override
    public String name() {
      return "quota";
    }

    @Override
    public void apply(TraitContext context, JsonNode spec) {}

    @Override
    public List<ValidationError> validate(Component component, JsonNode spec, String path) {
      return spec.path("max").asInt() > 0
          ? List.of()
          : List.of(
              new ValidationError(
                  path + ".max", ValidationCodes.INVALID_TRAIT_CONFIG, "max must be positive"));
    }
  }

  private static final Renderer RENDERER =
      Renderer.builder()
          .discoverTraitProcessors(false)
          .componentType(new NoteType())
          .traitProcessor(new QuotaTrait())
          .build();

  private static Application app(String yaml) {
    return ModelCodec.yaml().readApplication(yaml).value();
  }

  @Test
  void aPluginTypeIsValidatedByItsOwnRules() {
    Application app =
        app(
            """
            name: demo
            component:
              - {name: readme, type: note, properties: {text: hello}}
              - {name: empty, type: note}
              - {name: web, type: webservice, image: nginx, traits: {quota: {max: 0}}}
            """);

    ValidationResult result = Validator.forRenderer(RENDERER).validate(app);

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            tuple("component[1].properties.text", ValidationCodes.INVALID_COMPONENT_CONFIG),
            tuple("component[2].traits.quota.max", ValidationCodes.INVALID_TRAIT_CONFIG));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void withoutThePluginTheTypeAndTheTraitAreUnknown() {
    Application app =
        app(
            """
            name: demo
            component:
              - {name: readme, type: note, properties: {text: hello}}
              - {name: web, type: webservice, image: nginx, traits: {quota: {max: 1}}}
            """);

    ValidationResult result = Validator.standard().validate(app);

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            tuple("component[0].type", ValidationCodes.INVALID_COMPONENT_TYPE),
            tuple("component[1].traits.quota", ValidationCodes.UNKNOWN_TRAIT));
    assertThat(Validator.forRenderer(RENDERER).validate(app).valid()).isTrue();
    assertThat(
            Validator.forRenderer(RENDERER)
                .validate(app("name: demo\ncomponent: [{name: xy, type: nope}]"))
                .errors()
                .get(0)
                .message())
        .contains("webservice, store, config, secret, note");
  }

  @Test
  void aTypeClaimingABuiltInNameOrTwoTypesOfOneNameFailTheBuild() {
    ComponentTypeRenderer webservice =
        new ComponentTypeRenderer() {
          @Override
          public String type() {
            return "webservice";
          }

          @Override
          public void render(ComponentRenderContext context) {}
        };

    assertThatThrownBy(() -> Renderer.builder().componentType(webservice).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claims the built-in component type 'webservice'");
    assertThatThrownBy(
            () -> Renderer.builder().componentType(new NoteType(), new NoteType()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two registered component types named 'note'");
  }

  @Test
  void aPluginCheckThatThrowsIsReportedAsAnError() {
    TraitProcessor broken =
        new TraitProcessor() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public void apply(TraitContext context, JsonNode spec) {}

          @Override
          public List<ValidationError> validate(Component component, JsonNode spec, String path) {
            throw new IllegalStateException("no idea");
          }
        };
    Renderer renderer =
        Renderer.builder().discoverTraitProcessors(false).traitProcessor(broken).build();

    ValidationResult result =
        Validator.forRenderer(renderer)
            .validate(
                app(
                    "name: demo\ncomponent: [{name: web, type: webservice, image: x,"
                        + " traits: {broken: {}}}]"));

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(tuple("component[0].traits.broken", ValidationCodes.INVALID_TRAIT_CONFIG));
    assertThat(result.errors().get(0).message()).contains("no idea");
  }

  @Test
  void anExtraPropertyOfABuiltInTypeIsStillAWarning() {
    ValidationResult result =
        Validator.standard()
            .validate(
                app(
                    "name: demo\ncomponent: [{name: web, type: webservice, image: nginx,"
                        + " properties: {colour: red}}]"));

    assertThat(result.valid()).isTrue();
    assertThat(result.warnings())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(tuple("component[0].properties.colour", ValidationCodes.UNKNOWN_FIELD));
  }

  @Test
  void createAndDryRunRefuseAMisspelledTraitWithCodeAndPath() {
    Application app =
        app(
            """
            name: shop
            component:
              - name: web
                type: webservice
                image: nginx
                traits: {resorces: {cpu: 100m}}
            """);
    try (KubeMin kubemin =
        KubeMin.builder()
            .jobExecutor(new RecordingJobExecutor())
            .componentType(new NoteType())
            .build()) {
      assertThatThrownBy(() -> kubemin.createApplication(app))
          .isInstanceOf(ValidationException.class)
          .satisfies(
              e ->
                  assertThat(((ValidationException) e).errors())
                      .extracting(ValidationError::field, ValidationError::code)
                      .containsExactly(
                          tuple("component[0].traits.resorces", ValidationCodes.UNKNOWN_TRAIT)));

      DryRunResult dryRun = kubemin.dryRun(app);
      assertThat(dryRun.valid()).isFalse();
      assertThat(dryRun.validation().errors())
          .extracting(ValidationError::field, ValidationError::code)
          .containsExactly(tuple("component[0].traits.resorces", ValidationCodes.UNKNOWN_TRAIT));

      Application note =
          app("name: notes\ncomponent: [{name: readme, type: note, properties: {text: hi}}]");
      assertThat(kubemin.dryRun(note).rendered().objects())
          .singleElement()
          .satisfies(o -> assertThat(o.name()).isEqualTo("note-readme"));
    }
  }
}
