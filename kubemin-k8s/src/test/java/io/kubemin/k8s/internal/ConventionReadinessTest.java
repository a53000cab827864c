package io.kubemin.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConventionReadinessTest {

  private static Map<String, Object> object(long generation, Map<String, Object> status) {
    return status == null
        ? Map.of("metadata", Map.of("generation", generation))
        : Map.of("metadata", Map.of("generation", generation), "status", status);
  }

  private static Map<String, Object> condition(String type, String status) {
    return Map.of("type", type, "status", status, "reason", "Because");
  }

  @Test
  void anObjectWithoutStatusIsReady() {
    assertThat(ConventionReadiness.of(object(1, null), 1).state()).isEqualTo(Verdict.State.READY);
    assertThat(ConventionReadiness.of(Map.of(), 0).state()).isEqualTo(Verdict.State.READY);
  }

  @Test
  void anOldObservedGenerationWaits() {
    Verdict verdict =
        ConventionReadiness.of(
            object(3, Map.of("observedGeneration", 2, "conditions", List.of())), 3);

    assertThat(verdict.state()).isEqualTo(Verdict.State.WAITING);
    assertThat(verdict.message()).contains("generation 3");
  }

  @Test
  void readyOrElseAvailableDecides() {
    assertThat(
            ConventionReadiness.of(
                    object(1, Map.of("conditions", List.of(condition("Ready", "False")))), 1)
                .message())
        .contains("Ready=True")
        .contains("Because");
    assertThat(
            ConventionReadiness.of(
                    object(
                        1,
                        Map.of(
                            "observedGeneration",
                            1,
                            "conditions",
                            List.of(condition("Available", "True")))),
                    1)
                .state())
        .isEqualTo(Verdict.State.READY);
    assertThat(
            ConventionReadiness.of(
                    object(1, Map.of("conditions", List.of(condition("Progressing", "True")))), 1)
                .state())
        .isEqualTo(Verdict.State.READY);
  }

  @Test
  void stalledFails() {
    Verdict verdict =
        ConventionReadiness.of(
            object(1, Map.of("conditions", List.of(condition("Stalled", "True")))), 1);

    assertThat(verdict.state()).isEqualTo(Verdict.State.FAILED);
    assertThat(verdict.message()).isEqualTo("Stalled: Because");
  }
}
