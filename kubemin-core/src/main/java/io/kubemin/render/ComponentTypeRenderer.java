package io.kubemin.render;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import java.util.List;

/**
 * A component type of a plugin, next to the built-in {@code webservice}, {@code store}, {@code
 * config} and {@code secret}: its name in a component's {@code type} field, its validation, and the
 * objects it renders.
 *
 * <p>A type that runs containers builds its pod from {@link ComponentRenderContext#podTemplate()}
 * (the main container made from {@code image} and {@code properties} as the built-in types make it)
 * and registers its workload with {@link ComponentRenderContext#addWorkload}, which applies the
 * component's traits (env, resources, storage, ...) to that pod. Policies run after {@link #render}
 * returns. Implementations must be thread-safe and deterministic.
 *
 * <p>Register types with {@code Renderer.builder().componentType(...)} or {@code
 * KubeMin.builder().componentType(...)}, or list them in {@code
 * META-INF/services/io.kubemin.render.ComponentTypeRenderer}.
 */
public interface ComponentTypeRenderer {

  /** The name in the component's {@code type} field, such as {@code cronjob}. */
  String type();

  /**
   * Checks a component of this type when an application is validated (create, update, dry run),
   * beyond the rules every component gets (name, ports, env, traits). The default finds nothing.
   *
   * @param component the component
   * @param path its JSON path, such as {@code component[2]}; errors name fields below it
   * @return the problems found, empty when none
   */
  default List<ValidationError> validate(Component component, String path) {
    return List.of();
  }

  /**
   * Renders the component's objects into the context.
   *
   * @param context the component, its pod template and where the objects go
   */
  void render(ComponentRenderContext context);
}
