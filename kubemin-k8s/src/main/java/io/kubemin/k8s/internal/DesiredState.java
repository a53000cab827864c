package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a deployed object already is what we would apply, so an unchanged re-deploy
 * writes nothing. Everything we set must be present with the same value (the server may add
 * defaults); the data of ConfigMaps and Secrets must match exactly, so removed keys count as a
 * change. When unsure it answers "changed": an extra apply is harmless.
 */
public final class DesiredState {
  private static final List<String> EXACT_FIELDS = List.of("data", "binaryData");

  private final KubernetesSerialization serialization;

  /**
   * @param serialization the client's serialization
   */
  public DesiredState(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** Whether {@code existing} already holds everything {@code desired} sets. */
  public boolean satisfiedBy(HasMetadata desired, HasMetadata existing) {
    Map<String, Object> wanted = comparable(desired);
    Map<String, Object> actual = comparable(existing);
    for (String field : EXACT_FIELDS) {
      if (!Objects.equals(emptyToNull(wanted.remove(field)), emptyToNull(actual.remove(field)))) {
        return false;
      }
    }
    return JsonDocuments.contains(actual, wanted);
  }

  /**
   * The object as a document for comparison: no {@code apiVersion}, {@code kind} or {@code status},
   * and of the metadata only the labels and annotations (the server populates the rest); a Secret's
   * {@code stringData} folded into {@code data}.
   */
  public Map<String, Object> comparable(HasMetadata object) {
    Map<String, Object> document =
        new LinkedHashMap<>(JsonDocuments.asObject(serialization.convertValue(object, Map.class)));
    document.remove("apiVersion");
    document.remove("kind");
    document.remove("status");
    Map<String, Object> metadata =
        JsonDocuments.asObject(document.getOrDefault("metadata", Map.of()));
    Map<String, Object> kept = new LinkedHashMap<>();
    kept.put("labels", metadata.get("labels"));
    kept.put("annotations", metadata.get("annotations"));
    document.put("metadata", kept);
    if ("Secret".equals(object.getKind())) {
      foldStringData(document);
    }
    return document;
  }

  private static void foldStringData(Map<String, Object> secret) {
    Object stringData = secret.remove("stringData");
    if (!(stringData instanceof Map<?, ?> plain) || plain.isEmpty()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (secret.get("data") instanceof Map<?, ?> encoded) {
      encoded.forEach((k, v) -> data.put(String.valueOf(k), v));
    }
    plain.forEach(
        (k, v) ->
            data.put(
                String.valueOf(k),
                Base64.getEncoder()
                    .encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
    secret.put("data", data);
  }

  private static Object emptyToNull(Object value) {
    return value instanceof Map<?, ?> map && map.isEmpty() ? null : value;
  }
}
