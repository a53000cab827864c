package io.kubemin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.EnvTrait;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.InitTrait;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ProbeTrait;
import io.kubemin.model.RbacTrait;
import io.kubemin.model.ResourcesTrait;
import io.kubemin.model.RetrySpec;
import io.kubemin.model.ShareTrait;
import io.kubemin.model.SidecarTrait;
import io.kubemin.model.Step;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  private static final String WITH_CUSTOM_TRAIT =
      """
      {"name":"demo","component":[{"name":"web","type":"webservice","image":"nginx",
        "traits":{"my_trait":{"x":1},
                  "sidecar":[{"image":"envoy","traits":{"other_trait":true}}]}}]}
      """;

  @Test
  void unknownCustomTraitsAreErrors() {
    ValidationResult result =
        Validator.standard().validate(ModelCodec.json().readApplication(WITH_CUSTOM_TRAIT));

    assertThat(result.valid()).isFalse();
    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "component[0].traits.my_trait", ValidationCodes.UNKNOWN_TRAIT),
            org.assertj.core.groups.Tuple.tuple(
                "component[0].traits.sidecar[0].traits.other_trait",
                ValidationCodes.UNKNOWN_TRAIT));
  }

  @Test
  void registeredCustomTraitsAreNotWarnedAbout() {
    ValidationResult result =
        Validator.standard()
            .withCustomTraits(Set.of("my_trait", "other_trait"))
            .validate(ModelCodec.json().readApplication(WITH_CUSTOM_TRAIT));

    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void unknownFieldsAreWarningsWithTheirPath() {
    String json =
        """
        {"name":"demo","colour":"red","component":[{"name":"web","type":"webservice",
          "image":"nginx","imagePullPolicy":"Always"}]}
        """;

    ValidationResult result =
        Validator.standard().validate(ModelCodec.json().readApplication(json));

    assertThat(result.valid()).isTrue();
    assertThat(result.warnings())
        .extracting(ValidationError::field)
        .containsExactlyInAnyOrder("colour", "component[0].imagePullPolicy");
    assertThat(result.warnings())
        .extracting(ValidationError::code)
        .containsOnly(ValidationCodes.UNKNOWN_FIELD);
  }

  @Test
  void checkThrowsWithEveryError() {
    Application app =
        Application.builder()
            .name("Bad_Name")
            .components(Component.builder().name("web").type("webservice").build())
            .build();

    assertThatThrownBy(() -> Validator.standard().check(app))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationError::code)
                    .containsExactly(
                        ValidationCodes.INVALID_NAME_FORMAT, ValidationCodes.MISSING_IMAGE))
        .hasMessageContaining("2 validation errors")
        .hasMessageContaining("name INVALID_NAME_FORMAT")
        .hasMessageContaining("component[0].image MISSING_IMAGE");
  }

  @Test
  void checkAcceptsAValidApplication() {
    Application app =
        Application.builder()
            .name("demo")
            .components(Component.builder().name("web").type("webservice").image("nginx").build())
            .workflow(Step.builder().name("deploy").components("web").timeout("5m").build())
            .build();

    assertThatCode(() -> Validator.standard().check(app)).doesNotThrowAnyException();
  }

  @Test
  void messagesNameTheRule() {
    Application app = Application.builder().name("Api").build();

    ValidationResult result = Validator.standard().validate(app);

    assertThat(result.errors())
        .singleElement()
        .extracting(ValidationError::message)
        .asString()
        .contains("DNS-1123 label", "lowercase letters, digits and '-'", "2..63", "'Api'");
  }

  @Test
  void workflowTryNeedsAtLeastOneStep() {
    ValidationResult result = Validator.standard().validateWorkflow(List.of(), Set.of("web"));

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "workflow", ValidationCodes.MISSING_REQUIRED_FIELD));
  }

  @Test
  void workflowTryChecksReferencesAgainstTheGivenComponents() {
    List<Step> steps =
        List.of(
            Step.builder().name("deploy").components("Web", "db").build(),
            Step.builder().name("after").components("web").dependsOn(List.of("deploy")).build());

    ValidationResult result = Validator.standard().validateWorkflow(steps, List.of("web"));

    assertThat(result.errors())
        .extracting(ValidationError::field, ValidationError::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "workflow[0].components[1]", ValidationCodes.COMPONENT_NOT_FOUND));
  }

  @Test
  void workflowShapeIgnoresComponentReferencesButNotStructure() {
    List<Step> steps =
        List.of(
            Step.builder().name("deploy").components("anything").timeout("soon").build(),
            Step.builder().name("deploy").mode("Parallel").components("x").build());

    ValidationResult result = Validator.standard().validateWorkflowShape(steps);

    assertThat(UpstreamExamplesValidationTest.fieldsAndCodes(result.errors()))
        .containsExactlyInAnyOrder(
            List.of("workflow[0].timeout", ValidationCodes.INVALID_DURATION),
            List.of("workflow[1].name", ValidationCodes.DUPLICATE_WORKFLOW_STEP),
            List.of("workflow[1].mode", ValidationCodes.INVALID_WORKFLOW_MODE));
  }

  @Test
  void cycleMessageShowsTheLoop() {
    List<Step> steps =
        List.of(
            Step.builder().name("aa").components("web").dependsOn(List.of("cc")).build(),
            Step.builder().name("bb").components("web").build(),
            Step.builder().name("cc").components("web").build());

    ValidationResult result = Validator.standard().validateWorkflowShape(steps);

    assertThat(result.errors())
        .singleElement()
        .extracting(ValidationError::message)
        .asString()
        .contains("'aa' waits for 'cc' waits for 'bb' waits for 'aa'", "step before it");
  }

  @Test
  void aLongDependencyChainIsFine() {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      steps.add(
          Step.builder()
              .name("s" + i + "x")
              .components("web")
              .dependsOn(i == 0 ? List.of("s49999x") : List.of("s" + (i - 1) + "x"))
              .build());
    }

    ValidationResult result = Validator.standard().validateWorkflowShape(steps);

    assertThat(result.errors())
        .extracting(ValidationError::code)
        .containsExactly(ValidationCodes.DEPENDENCY_CYCLE);
  }

  @Test
  void nullsEverywhereGiveErrorsNotExceptions() {
    Traits emptyParts =
        Traits.builder()
            .storage(
                List.of(
                    new StorageTrait(null, null, null, null, null, null, null, null, null, null)))
            .envs(List.of(new EnvTrait(null, null)))
            .resources(new ResourcesTrait(null, null, null))
            .probes(List.of(new ProbeTrait(null, null, null, null, null, null, null, null, null)))
            .rbac(
                List.of(
                    new RbacTrait(
                        null, null, null, null, null, null, null, null, null, null, null)))
            .init(List.of(new InitTrait(null, null, null, null, null, null, null)))
            .sidecar(List.of(new SidecarTrait(null, null, null, null, null, null)))
            .ingress(
                List.of(
                    new IngressTrait(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(new IngressRoute(null, null, null, null, null)))))
            .share(new ShareTrait(null))
            .build();
    Application app =
        Application.builder()
            .components(Component.builder().traits(emptyParts).build())
            .workflow(
                new Step(null, null, null, null, null, null, null, null, new RetrySpec(null, null)))
            .build();

    ValidationResult result = Validator.standard().validate(app);

    assertThat(result.valid()).isFalse();
    assertThat(result.errors())
        .extracting(ValidationError::field)
        .contains("name", "component[0].name");
  }
}
