package io.kubemin.testsupport;

import io.kubemin.tracing.OpenTelemetryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An OpenTelemetry SDK that keeps every ended span in memory, for tests of the engine's traces (one
 * per test, shared by every engine instance of the test, as one collector would be).
 */
public final class TraceRecorder implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  /** The SDK (to open the test's own spans, such as a REST call's). */
  public OpenTelemetrySdk openTelemetry() {
    return openTelemetry;
  }

  /** What an engine's builder takes. */
  public OpenTelemetryTracing tracing() {
    return new OpenTelemetryTracing(openTelemetry);
  }

  /** Every span ended so far. */
  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  /** The ended spans of one trace, in start order. */
  public List<SpanData> trace(String traceId) {
    return spans().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
        .toList();
  }

  /** Waits (at most 10 s) for an ended span that matches, and returns it. */
  public SpanData await(Predicate<SpanData> matching) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> spans().stream().anyMatch(matching));
    return spans().stream().filter(matching).findFirst().orElseThrow();
  }

  /** Waits for an ended span with this name. */
  public SpanData await(String name) {
    return await(s -> s.getName().equals(name));
  }

  /** A span's text attribute, or null. */
  public static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  /** A span's number attribute, or null. */
  public static Long longAttribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.longKey(key));
  }

  /**
   * The spans of a trace as lines "name [kind] instance=... parent=..." in start order, for the
   * sequence diagram of docs/observability.md.
   */
  public String describe(String traceId) {
    return trace(traceId).stream()
        .map(
            s ->
                String.format(
                    "%s %s [%s] span=%s parent=%s instance=%s links=%d %s",
                    s.getTraceId().substring(0, 8),
                    s.getName(),
                    s.getKind(),
                    s.getSpanId(),
                    s.getParentSpanId(),
                    attribute(s, "kubemin.instance.id"),
                    s.getLinks().size(),
                    s.getAttributes().asMap().entrySet().stream()
                        .map(e -> e.getKey().getKey() + "=" + e.getValue())
                        .sorted()
                        .collect(Collectors.joining(", "))))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    provider.close();
  }
}
