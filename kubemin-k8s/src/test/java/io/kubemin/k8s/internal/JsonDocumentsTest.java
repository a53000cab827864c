package io.kubemin.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

  @Test
  void mergePatchMergesObjectsReplacesListsAndRemovesNulls() {
    Map<String, Object> target =
        Map.of("spec", Map.of("replicas", 1, "ports", List.of(1, 2)), "status", Map.of("ready", 1));
    Map<String, Object> patch = new HashMap<>();
    patch.put("spec", Map.of("replicas", 3, "ports", List.of(3)));
    patch.put("status", null);

    Map<String, Object> merged = JsonDocuments.mergePatch(target, patch);

    assertThat(merged).isEqualTo(Map.of("spec", Map.of("replicas", 3, "ports", List.of(3))));
    assertThat(target).containsKey("status");
  }

  @Test
  void containsAcceptsServerDefaultsButNotDifferences() {
    Map<String, Object> actual =
        Map.of(
            "spec",
            Map.of(
                "replicas",
                3L,
                "strategy",
                "RollingUpdate",
                "ports",
                List.of(Map.of("port", 80, "protocol", "TCP"))));

    assertThat(JsonDocuments.contains(actual, Map.of("spec", Map.of("replicas", 3)))).isTrue();
    assertThat(
            JsonDocuments.contains(
                actual, Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))))))
        .isTrue();
    assertThat(JsonDocuments.contains(actual, Map.of("spec", Map.of("replicas", 2)))).isFalse();
    assertThat(JsonDocuments.contains(actual, Map.of("spec", Map.of("ports", List.of()))))
        .isFalse();
    assertThat(JsonDocuments.contains(actual, Map.of("spec", Map.of("paused", true)))).isFalse();
  }

  @Test
  void copyIsDeep() {
    Map<String, Object> original = new HashMap<>(Map.of("a", new HashMap<>(Map.of("b", 1))));

    Map<String, Object> copy = JsonDocuments.copy(original);
    JsonDocuments.asObject(copy.get("a")).put("b", 2);

    assertThat(original).isEqualTo(Map.of("a", Map.of("b", 1)));
  }
}
