package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubemin.model.ResourcesTrait;
import io.kubemin.model.Traits;
import io.kubemin.trait.TraitContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code resources}: cpu, memory and gpu ({@code nvidia.com/gpu}), each set as both request and
 * limit of the container.
 */
final class ResourcesProcessor extends BuiltInTraitProcessor<ResourcesTrait> {
  static final String GPU = "nvidia.com/gpu";

  ResourcesProcessor() {
    super("resources");
  }

  @Override
  protected ResourcesTrait select(Traits traits) {
    ResourcesTrait resources = traits.resources();
    boolean empty =
        resources == null
            || (resources.cpu() == null && resources.memory() == null && resources.gpu() == null);
    return empty ? null : resources;
  }

  @Override
  protected void applySpec(TraitContext context, ResourcesTrait resources) {
    Map<String, Quantity> amounts = new LinkedHashMap<>();
    put(context, amounts, "cpu", "cpu", resources.cpu());
    put(context, amounts, "memory", "memory", resources.memory());
    put(context, amounts, GPU, "gpu", resources.gpu());
    ResourceRequirements requirements = context.container().getResources();
    if (requirements == null) {
      requirements = new ResourceRequirements();
      context.container().setResources(requirements);
    }
    requirements.setRequests(merged(requirements.getRequests(), amounts));
    requirements.setLimits(merged(requirements.getLimits(), amounts));
  }

  private static void put(
      TraitContext context,
      Map<String, Quantity> amounts,
      String resource,
      String field,
      String value) {
    if (value != null && !value.isBlank()) {
      amounts.put(resource, Quantities.parse(context, "resources." + field, value));
    }
  }

  private static Map<String, Quantity> merged(
      Map<String, Quantity> existing, Map<String, Quantity> added) {
    Map<String, Quantity> result =
        existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
    result.putAll(added);
    return result;
  }
}
