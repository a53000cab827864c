package io.kubemin.trait;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubemin.spi.JobKind;

/**
 * A custom trait found by {@code ServiceLoader} (listed in {@code
 * META-INF/services/io.kubemin.trait.TraitProcessor} of the test resources): {@code test_node_pool:
 * {pool: gpu}} pins the pod to a node pool, tells the container which one, and records the choice
 * in a ConfigMap.
 */
public final class NodePoolTestTrait implements TraitProcessor {
  /** The trait key. */
  public static final String NAME = "test_node_pool";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(TraitContext context, JsonNode spec) {
    String pool = spec.path("pool").asText("");
    if (pool.isEmpty()) {
      throw context.error(NAME + ".pool", "is required");
    }
    context.podTemplate().getSpec().getNodeSelector().put("pool", pool);
    context.container().getEnv().add(new EnvVar("NODE_POOL", pool, null));
    context.addObject(
        JobKind.CONFIG_MAP,
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(context.component().name() + "-pool")
            .withLabels(context.labels())
            .endMetadata()
            .addToData("pool", pool)
            .build());
  }
}
