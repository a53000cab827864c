package io.kubemin.internal.trace.otel;

import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/** One OpenTelemetry span; when current, its ids are also in the MDC as trace_id and span_id. */
final class OtelSpan implements TraceSpan {
  /** MDC key of the current trace id, for log lines. */
  static final String MDC_TRACE_ID = "trace_id";

  /** MDC key of the current span id. */
  static final String MDC_SPAN_ID = "span_id";

  private final Span span;
  private final Scope scope;
  private final String traceIdBefore;
  private final String spanIdBefore;

  OtelSpan(Span span, boolean current) {
    this.span = span;
    if (current) {
      scope = span.makeCurrent();
      traceIdBefore = MDC.get(MDC_TRACE_ID);
      spanIdBefore = MDC.get(MDC_SPAN_ID);
      MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
      MDC.put(MDC_SPAN_ID, span.getSpanContext().getSpanId());
    } else {
      scope = null;
      traceIdBefore = null;
      spanIdBefore = null;
    }
  }

  @Override
  public TraceSpan attribute(String key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public TraceSpan attribute(String key, long value) {
    span.setAttribute(key, value);
    return this;
  }

  @Override
  public TraceSpan link(String traceparent, String reason) {
    SpanContext linked = OtelEngineTracing.parse(traceparent);
    if (linked != null) {
      span.addLink(linked, Attributes.of(AttributeKey.stringKey(TraceNames.LINK_REASON), reason));
    }
    return this;
  }

  @Override
  public TraceSpan failed(String description) {
    span.setStatus(StatusCode.ERROR, description == null ? "" : description);
    return this;
  }

  @Override
  public String traceparent() {
    return OtelEngineTracing.format(span.getSpanContext());
  }

  @Override
  public void close() {
    span.end();
    if (scope != null) {
      scope.close();
      restore(MDC_TRACE_ID, traceIdBefore);
      restore(MDC_SPAN_ID, spanIdBefore);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
