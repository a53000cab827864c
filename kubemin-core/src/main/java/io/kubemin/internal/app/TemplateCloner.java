package io.kubemin.internal.app;

import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.model.Properties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clones one template component under its new name (inventory §5.12 step 7): type, image, replicas
 * and properties come from the template, with the entry's {@code env} merged over them (and its
 * {@code secret}, for secret components); the traits go through a {@link TraitRenamer}.
 */
final class TemplateCloner {
  private final CloneNames names;
  private final TraitRenamer traits;

  TemplateCloner(CloneNames names) {
    this.names = names;
    this.traits = new TraitRenamer(names);
  }

  /** The clone of {@code source}, customised by {@code entry} (null when no entry matched it). */
  Component clone(Component source, Component entry) {
    return Component.builder()
        .name(names.newName())
        .type(source.type())
        .image(source.image())
        .namespace(names.namespace())
        .replicas(source.replicas())
        .properties(properties(source, entry))
        .traits(traits.traits(source.traits(), names.share()))
        .build();
  }

  private static Properties properties(Component source, Component entry) {
    Properties template = source.properties();
    if (entry == null) {
      return template;
    }
    Properties override = entry.properties();
    boolean secretType = source.componentType().orElse(null) == ComponentType.SECRET;
    return new Properties(
        template.image(),
        template.ports(),
        merged(template.env(), override.env()),
        template.conf(),
        secretType ? merged(template.secret(), override.secret()) : template.secret(),
        template.command(),
        template.args(),
        template.labels(),
        template.extra());
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    merged.putAll(over);
    return merged;
  }
}
