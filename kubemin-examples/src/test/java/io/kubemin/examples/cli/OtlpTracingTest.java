package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where {@code --otlp-endpoint} posts spans, and which endpoints it refuses. */
class OtlpTracingTest {
  @Test
  void theTracesPathIsAppendedOnceToTheCollectorsBaseUrl() {
    assertThat(OtlpTracing.tracesUrl("http://localhost:4318"))
        .isEqualTo("http://localhost:4318/v1/traces");
    assertThat(OtlpTracing.tracesUrl("https://otel.example.com/"))
        .isEqualTo("https://otel.example.com/v1/traces");
    assertThat(OtlpTracing.tracesUrl("http://collector:4318/v1/traces"))
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void anythingButAnHttpOrHttpsUrlIsRefusedNamingTheFlag() {
    for (String bad : new String[] {"collector:4318", "grpc://collector:4317", "http://", "::"}) {
      assertThatThrownBy(() -> OtlpTracing.tracesUrl(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--otlp-endpoint must be an http:// or https:// URL")
          .hasMessageContaining(bad);
    }
  }
}
