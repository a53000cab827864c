package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.kubemin.model.EnvTrait;
import io.kubemin.model.EnvValueSource;
import io.kubemin.model.KeyReference;
import io.kubemin.model.Traits;
import io.kubemin.trait.TraitContext;
import java.util.List;

/**
 * {@code envs}: one variable per entry from exactly one source: a static value, a pod field, a
 * Secret key or a ConfigMap key. Appended after the variables of {@code properties.env}.
 */
final class EnvsProcessor extends BuiltInTraitProcessor<List<EnvTrait>> {

  EnvsProcessor() {
    super("envs");
  }

  @Override
  protected List<EnvTrait> select(Traits traits) {
    return nonEmpty(traits.envs());
  }

  @Override
  protected void applySpec(TraitContext context, List<EnvTrait> entries) {
    for (int i = 0; i < entries.size(); i++) {
      context.container().getEnv().add(variable(context, "envs[" + i + "]", entries.get(i)));
    }
  }

  private static EnvVar variable(TraitContext context, String path, EnvTrait entry) {
    if (entry.name() == null || entry.name().isBlank()) {
      throw context.error(path + ".name", "is required");
    }
    EnvValueSource source = entry.valueFrom();
    if (source == null || source.sourceCount() != 1) {
      throw context.error(
          path + ".value_from", "needs exactly one of static, field, secret or config");
    }
    EnvVarSource from = new EnvVarSource();
    if (source.staticValue() != null) {
      return new EnvVar(entry.name(), source.staticValue(), null);
    } else if (source.field() != null) {
      from.setFieldRef(new ObjectFieldSelector("v1", source.field()));
    } else if (source.secret() != null) {
      KeyReference key = checked(context, path + ".value_from.secret", source.secret());
      from.setSecretKeyRef(new SecretKeySelector(key.key(), key.name(), null));
    } else {
      KeyReference key = checked(context, path + ".value_from.config", source.config());
      from.setConfigMapKeyRef(new ConfigMapKeySelector(key.key(), key.name(), null));
    }
    return new EnvVar(entry.name(), null, from);
  }

  private static KeyReference checked(TraitContext context, String path, KeyReference reference) {
    if (reference.name() == null || reference.name().isBlank()) {
      throw context.error(path + ".name", "is required");
    }
    if (reference.key() == null || reference.key().isBlank()) {
      throw context.error(path + ".key", "is required");
    }
    return reference;
  }
}
