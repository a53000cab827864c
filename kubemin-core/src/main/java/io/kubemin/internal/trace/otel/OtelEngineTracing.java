package io.kubemin.internal.trace.otel;

import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.tracing.OpenTelemetryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The engine's spans in OpenTelemetry; W3C trace context across queue and store. */
public final class OtelEngineTracing implements EngineTracing {
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  private final Tracer tracer;

  private OtelEngineTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** The engine's tracing through the host's OpenTelemetry. */
  public static EngineTracing of(OpenTelemetryTracing tracing) {
    return new OtelEngineTracing(
        tracing.openTelemetry().getTracer(OpenTelemetryTracing.INSTRUMENTATION_NAME));
  }

  @Override
  public boolean on() {
    return true;
  }

  @Override
  public TraceSpan start(
      String name, SpanKind kind, String parent, Instant startedAt, boolean current) {
    SpanBuilder builder =
        tracer
            .spanBuilder(name)
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.valueOf(kind.name()));
    SpanContext remote = parse(parent);
    if (remote != null) {
      builder.setParent(Context.current().with(Span.wrap(remote)));
    } else {
      builder.setParent(Context.current());
    }
    if (startedAt != null) {
      builder.setStartTimestamp(startedAt);
    }
    return new OtelSpan(builder.startSpan(), current);
  }

  @Override
  public <T> Supplier<T> carried(Supplier<T> work) {
    Context context = Context.current();
    return () -> {
      try (io.opentelemetry.context.Scope ignored = context.makeCurrent()) {
        return work.get();
      }
    };
  }

  @Override
  public String currentTraceparent() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? format(context) : null;
  }

  static String format(SpanContext context) {
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  /** The span context of a W3C traceparent; null when absent or malformed. */
  static SpanContext parse(String traceparent) {
    if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
      return null;
    }
    SpanContext context =
        SpanContext.createFromRemoteParent(
            traceparent.substring(3, 35),
            traceparent.substring(36, 52),
            TraceFlags.fromHex(traceparent, 53),
            TraceState.getDefault());
    return context.isValid() ? context : null;
  }
}
