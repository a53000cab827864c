package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.kubemin.model.EnvFromTrait;
import io.kubemin.model.Traits;
import io.kubemin.trait.TraitContext;
import java.util.List;

/**
 * {@code env_from}: every key of a ConfigMap ({@code config} or {@code configMap}: the upstream's
 * validator and runtime disagreed, both are accepted) or Secret becomes an environment variable.
 */
final class EnvFromProcessor extends BuiltInTraitProcessor<List<EnvFromTrait>> {

  EnvFromProcessor() {
    super("env_from");
  }

  @Override
  protected List<EnvFromTrait> select(Traits traits) {
    return nonEmpty(traits.envFrom());
  }

  @Override
  protected void applySpec(TraitContext context, List<EnvFromTrait> entries) {
    for (int i = 0; i < entries.size(); i++) {
      EnvFromTrait entry = entries.get(i);
      String path = "env_from[" + i + "]";
      if (entry.sourceName() == null || entry.sourceName().isBlank()) {
        throw context.error(path + ".source_name", "is required");
      }
      context.container().getEnvFrom().add(source(context, path, entry));
    }
  }

  private static EnvFromSource source(TraitContext context, String path, EnvFromTrait entry) {
    String type = entry.type() == null ? "" : entry.type();
    EnvFromSource source = new EnvFromSource();
    switch (type) {
      case "config", "configMap" ->
          source.setConfigMapRef(new ConfigMapEnvSource(entry.sourceName(), null));
      case "secret" -> source.setSecretRef(new SecretEnvSource(entry.sourceName(), null));
      default ->
          throw context.error(
              path + ".type",
              "'" + entry.type() + "' is not an env_from type (configMap, config, secret)");
    }
    return source;
  }
}
