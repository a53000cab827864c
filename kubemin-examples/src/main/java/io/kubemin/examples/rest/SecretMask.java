package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.BadRequestException.APPLICATION_CONFIG;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.Properties;
import io.kubemin.model.VersionUpdate;
import io.kubemin.spi.ComponentRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps stored secrets when a client sends back what it read: replies show every secret value as
 * {@value ApplicationJson#MASK}, so a write carrying exactly the mask for a secret key means "keep
 * the stored value" (create or replace, try, version update). A mask for a key that has no stored
 * value is refused on writes and left as it is by a try.
 */
final class SecretMask {
  private SecretMask() {}

  /**
   * The application with masked secrets replaced by the stored values of the same component and
   * key.
   *
   * @param stored the stored components of the application being replaced (empty on create)
   * @param strict refuse a mask without stored value (writes) rather than keep it (tries)
   */
  static Application restored(Application app, List<ComponentRecord> stored, boolean strict) {
    if (app.components().stream().noneMatch(c -> hasMask(c.properties()))) {
      return app;
    }
    List<Component> components =
        app.components().stream()
            .map(
                c ->
                    hasMask(c.properties())
                        ? withProperties(
                            c,
                            restored(
                                c.properties(),
                                storedSecret(stored, c.name()),
                                "component '" + c.name() + "'",
                                strict))
                        : c)
            .toList();
    return new Application(
        app.id(),
        app.name(),
        app.namespace(),
        app.version(),
        app.alias(),
        app.project(),
        app.description(),
        app.icon(),
        app.tmpEnable(),
        app.rollbackOnFailure(),
        components,
        app.workflow());
  }

  /** The version update with masked secrets replaced by the stored values. */
  static VersionUpdate restored(VersionUpdate update, List<ComponentRecord> stored) {
    List<ComponentChange> changes =
        update.components().stream()
            .map(
                c ->
                    c.properties() != null && hasMask(c.properties())
                        ? new ComponentChange(
                            c.action(),
                            c.name(),
                            c.image(),
                            c.replicas(),
                            c.env(),
                            c.type(),
                            restored(
                                c.properties(),
                                storedSecret(stored, c.name()),
                                "component '" + c.name() + "'",
                                true),
                            c.traits())
                        : c)
            .toList();
    return new VersionUpdate(
        update.version(), update.strategy(), changes, update.autoExec(), update.description());
  }

  private static boolean hasMask(Properties properties) {
    return properties != null && properties.secret().containsValue(ApplicationJson.MASK);
  }

  private static Map<String, String> storedSecret(List<ComponentRecord> stored, String name) {
    return stored.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .map(c -> c.spec().properties().secret())
        .orElse(Map.of());
  }

  private static Properties restored(
      Properties properties, Map<String, String> stored, String where, boolean strict) {
    Map<String, String> secret = new LinkedHashMap<>();
    properties
        .secret()
        .forEach(
            (key, value) -> {
              if (!ApplicationJson.MASK.equals(value)) {
                secret.put(key, value);
                return;
              }
              Optional<String> kept = Optional.ofNullable(stored.get(key));
              if (kept.isEmpty() && strict) {
                throw new BadRequestException(
                    APPLICATION_CONFIG,
                    where
                        + ": secret key '"
                        + key
                        + "' carries the mask "
                        + ApplicationJson.MASK
                        + " but no value is stored for it; send the value itself");
              }
              secret.put(key, kept.orElse(value));
            });
    return new Properties(
        properties.image(),
        properties.ports(),
        properties.env(),
        properties.conf(),
        secret,
        properties.command(),
        properties.args(),
        properties.labels());
  }

  private static Component withProperties(Component c, Properties properties) {
    return new Component(
        c.name(),
        c.type(),
        c.image(),
        c.namespace(),
        c.replicas(),
        properties,
        c.traits(),
        c.template());
  }
}
