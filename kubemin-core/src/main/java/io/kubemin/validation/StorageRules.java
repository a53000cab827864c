package io.kubemin.validation;

import io.kubemin.model.StorageTrait;
import java.util.Set;

/** Rules for {@code traits.storage[]}. */
final class StorageRules {
  private static final Set<String> TYPES = Set.of("persistent", "ephemeral", "config", "secret");

  private final Findings findings;

  StorageRules(Findings findings) {
    this.findings = findings;
  }

  void check(StorageTrait storage, String field) {
    if (Findings.isBlank(storage.name())) {
      findings.error(
          field + ".name",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "storage name is required: it names the volume");
    }
    String type = storage.type();
    if (type == null || type.isEmpty()) {
      findings.error(
          field + ".type",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "storage type is required: persistent, ephemeral, config or secret");
    } else if (!TYPES.contains(type)) {
      findings.error(
          field + ".type",
          ValidationCodes.INVALID_STORAGE_TYPE,
          "storage type must be persistent, ephemeral, config or secret (got "
              + Findings.quote(type)
              + (type.equals("host-mounted") ? "; host paths are not supported)" : ")"));
    }
    if (Findings.isBlank(storage.mountPath())) {
      findings.error(
          field + ".mount_path",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "storage mount_path is required");
    }
    String size = storage.size();
    if (size != null && !size.isEmpty() && !Quantities.isQuantity(size)) {
      findings.error(
          field + ".size",
          ValidationCodes.INVALID_STORAGE_SIZE,
          "storage size must be " + Quantities.RULE + " (got " + Findings.quote(size) + ")");
    }
    boolean namesSource = "config".equals(type) || "secret".equals(type);
    if (namesSource && Findings.isBlank(storage.sourceName()) && Findings.isBlank(storage.name())) {
      findings.error(
          field + ".source_name",
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "config and secret storage need source_name (or name) to find the ConfigMap or Secret");
    }
  }
}
