package io.kubemin.k8s.internal;

import java.util.List;
import java.util.Map;

/**
 * Readiness of a kind KubeMin does not know, by the conventions Kubernetes tooling uses: no status
 * is ready; {@code status.observedGeneration} must have caught up with {@code metadata.generation};
 * a {@code Stalled} condition {@code True} fails; the {@code Ready} condition, or else the {@code
 * Available} one, must be {@code True}; neither condition is ready.
 */
public final class ConventionReadiness {
  private ConventionReadiness() {}

  /**
   * @param object the object as a JSON map
   * @param minGeneration the generation our apply produced; older observations are not ready
   */
  public static Verdict of(Map<String, Object> object, long minGeneration) {
    long generation = number(map(object.get("metadata")).get("generation"));
    if (generation > 0 && generation < minGeneration) {
      return Verdict.waiting("waiting for generation " + minGeneration);
    }
    Map<String, Object> status = map(object.get("status"));
    if (status.isEmpty()) {
      return Verdict.ready();
    }
    Object observed = status.get("observedGeneration");
    if (observed != null && number(observed) < generation) {
      return Verdict.waiting("waiting for the controller to observe generation " + generation);
    }
    List<Map<String, Object>> conditions = conditions(status.get("conditions"));
    Map<String, Object> stalled = find(conditions, "Stalled");
    if (stalled != null && "True".equals(stalled.get("status"))) {
      return Verdict.failed("Stalled" + detail(stalled));
    }
    Map<String, Object> ready = find(conditions, "Ready");
    if (ready == null) {
      ready = find(conditions, "Available");
    }
    if (ready == null || "True".equals(ready.get("status"))) {
      return Verdict.ready();
    }
    return Verdict.waiting(
        "waiting for condition "
            + ready.get("type")
            + "=True (is "
            + ready.get("status")
            + detail(ready)
            + ")");
  }

  private static String detail(Map<String, Object> condition) {
    StringBuilder text = new StringBuilder();
    if (condition.get("reason") != null) {
      text.append(": ").append(condition.get("reason"));
    }
    if (condition.get("message") != null) {
      text.append(": ").append(condition.get("message"));
    }
    return text.toString();
  }

  private static Map<String, Object> find(List<Map<String, Object>> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
