package io.kubemin.trait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Applies one trait: the value under its {@link #name()} in a component's {@code traits} object.
 *
 * <p>Processors run in a fixed order: the built-in ones (storage, env_from, envs, resources,
 * probes, rbac, init, sidecar, ingress), then custom ones in registration order. A processor runs
 * only when its key is present. It mutates the pod through the {@link TraitContext} and adds extra
 * objects with {@link TraitContext#addObject}. Implementations must be thread-safe (one instance
 * serves every render) and deterministic (same input, same output).
 *
 * <p>To report bad input, throw {@link TraitContext#error(String, String)}; any other exception is
 * wrapped into a {@link io.kubemin.error.RenderException} naming the component and the trait.
 *
 * <p>Register custom processors with {@code Renderer.builder().traitProcessor(...)} or list them in
 * {@code META-INF/services/io.kubemin.trait.TraitProcessor}.
 */
public interface TraitProcessor {

  /**
   * The JSON key of the trait under {@code traits}, such as {@code storage} or {@code gpu_pool}.
   */
  String name();

  /**
   * Applies the trait.
   *
   * @param context the component, its pod and the container the trait applies to
   * @param spec the value under {@link #name()}, never null
   */
  void apply(TraitContext context, JsonNode spec);
}
