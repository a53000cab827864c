package io.kubemin.validation;

import io.kubemin.model.EnvFromTrait;
import io.kubemin.model.EnvTrait;
import io.kubemin.model.EnvValueSource;
import io.kubemin.model.KeyReference;
import java.util.Set;

/** Rules for {@code traits.env_from[]} and {@code traits.envs[]}. */
final class EnvRules {
  // The upstream's dry-run wanted "configMap", its runtime "config": both mean a ConfigMap.
  private static final Set<String> ENV_FROM_TYPES = Set.of("config", "configMap", "secret");

  private final Findings findings;

  EnvRules(Findings findings) {
    this.findings = findings;
  }

  void checkEnvFrom(EnvFromTrait envFrom, String field) {
    String type = envFrom.type();
    if (type == null || type.isEmpty()) {
      findings.error(
          field + ".type",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "env_from type is required: config (or configMap) or secret");
    } else if (!ENV_FROM_TYPES.contains(type)) {
      findings.error(
          field + ".type",
          ValidationCodes.INVALID_ENVFROM_TYPE,
          "env_from type must be config (or configMap) or secret (got "
              + Findings.quote(type)
              + ")");
    }
    if (Findings.isBlank(envFrom.sourceName())) {
      findings.error(
          field + ".source_name",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "env_from source_name is required: the ConfigMap or Secret to import");
    }
  }

  void checkEnv(EnvTrait env, String field) {
    if (env.name() == null || env.name().isEmpty()) {
      findings.error(
          field + ".name", ValidationCodes.MISSING_REQUIRED_FIELD, "env name is required");
    } else {
      NameRules.checkEnvName(env.name(), field + ".name", findings);
    }
    EnvValueSource source = env.valueFrom();
    int sources = source == null ? 0 : source.sourceCount();
    if (sources != 1) {
      findings.error(
          field + ".value_from",
          ValidationCodes.INVALID_ENV_VALUE_SOURCE,
          "value_from must specify exactly one of static, secret, config or field"
              + (sources == 0 ? "" : ", not " + sources));
    }
    if (source != null) {
      checkReference(source.secret(), field + ".value_from.secret", "secret");
      checkReference(source.config(), field + ".value_from.config", "config");
      if (source.field() != null && source.field().isBlank()) {
        findings.error(
            field + ".value_from.field",
            ValidationCodes.MISSING_REQUIRED_FIELD,
            "field needs a pod field path such as metadata.name");
      }
    }
  }

  private void checkReference(KeyReference reference, String field, String what) {
    if (reference == null) {
      return;
    }
    if (Findings.isBlank(reference.name())) {
      findings.error(
          field + ".name", ValidationCodes.MISSING_REQUIRED_FIELD, what + " name is required");
    }
    if (Findings.isBlank(reference.key())) {
      findings.error(
          field + ".key", ValidationCodes.MISSING_REQUIRED_FIELD, what + " key is required");
    }
  }
}
