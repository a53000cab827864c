package io.kubemin.trait;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import java.util.List;

/**
 * Applies one trait: the value under its {@link #name()} in a component's {@code traits} object.
 *
 * <p>Processors run in a fixed order: the built-in ones (storage, env_from, envs, resources,
 * probes, rbac, init, sidecar, ingress), then custom ones in registration order. A processor runs
 * only when its key is present; a key no processor handles is a validation error. It mutates the
 * pod through the {@link TraitContext} and adds extra objects with {@link TraitContext#addObject}.
 * Implementations must be thread-safe (one instance serves every render) and deterministic (same
 * input, same output).
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

  /**
   * Checks the trait's value when an application is validated (create, update, dry run), so bad
   * input is refused before anything is stored. The default finds nothing; whatever {@link #apply}
   * reports through {@link TraitContext#error} is refused at create and update too.
   *
   * @param component the component the trait is on
   * @param spec the value under {@link #name()}, never null
   * @param path JSON path of the value, such as {@code component[0].traits.autoscaler}
   * @return the problems found, empty when none
   */
  default List<ValidationError> validate(Component component, JsonNode spec, String path) {
    return List.of();
  }
}
