package io.kubemin.internal.app;

import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.model.Properties;
import io.kubemin.model.ShareTrait;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clones one template component under its new name (inventory §5.12 step 7): type, image, replicas
 * and properties come from the template, with the entry's {@code env} merged over them (and its
 * {@code secret}, for secret components); the traits go through a {@link TraitRenamer}.
 */
final class TemplateCloner {
  private final String newName;
  private final String namespace;
  private final ShareTrait share;
  private final TraitRenamer traits;

  /**
   * @param oldName the template component's name
   * @param newName the clone's name
   * @param volumePrefix the prefix given to persistent volume names (the new application's name)
   * @param namespace the new application's namespace
   * @param names template component names (and {@code tem-<name>}) to clone names, of the template
   * @param share the share trait every clone gets, or null when the clones are not shared
   */
  TemplateCloner(
      String oldName,
      String newName,
      String volumePrefix,
      String namespace,
      Map<String, String> names,
      ShareTrait share) {
    this.newName = newName;
    this.namespace = namespace;
    this.share = share;
    this.traits = new TraitRenamer(oldName, newName, volumePrefix, namespace, names, share);
  }

  /** The clone of {@code source}, customised by {@code entry} (null when no entry matched it). */
  Component clone(Component source, Component entry) {
    return Component.builder()
        .name(newName)
        .type(source.type())
        .image(source.image())
        .namespace(namespace)
        .replicas(source.replicas())
        .properties(properties(source, entry))
        .traits(traits.traits(source.traits(), share))
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
        template.labels());
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    merged.putAll(over);
    return merged;
  }
}
