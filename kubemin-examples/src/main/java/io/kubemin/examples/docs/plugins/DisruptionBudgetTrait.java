package io.kubemin.examples.docs.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.render.Labels;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.validation.ValidationCodes;
import java.util.List;

/** Trait {@code disruption_budget: {min_available: 1}}: a PodDisruptionBudget for the pods. */
public final class DisruptionBudgetTrait implements TraitProcessor {

  @Override
  public String name() {
    return "disruption_budget";
  }

  @Override
  public List<ValidationError> validate(Component component, JsonNode spec, String path) {
    if (spec.path("min_available").canConvertToInt() && spec.path("min_available").asInt() >= 0) {
      return List.of();
    }
    return List.of(
        new ValidationError(
            path + ".min_available",
            ValidationCodes.INVALID_TRAIT_CONFIG,
            "min_available must be a whole number >= 0"));
  }

  @Override
  public void apply(TraitContext context, JsonNode spec) {
    String component = context.component().name();
    PodDisruptionBudget budget =
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
            .withName("pdb-" + component + "-" + context.appId())
            .withLabels(context.labels())
            .endMetadata()
            .withNewSpec()
            .withMinAvailable(new IntOrString(spec.path("min_available").asInt()))
            .withNewSelector()
            .withMatchLabels(Labels.selector(context.appId(), component))
            .endSelector()
            .endSpec()
            .build();
    context.addObject(budget); // policy/v1 PodDisruptionBudget, band 10, the component's namespace
  }
}
