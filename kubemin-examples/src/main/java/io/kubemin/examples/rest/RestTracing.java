package io.kubemin.examples.rest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.MultiMap;
import java.util.function.Supplier;

/**
 * The server span of each API request: named {@code METHOD route}, a child of the caller's W3C
 * {@code traceparent}, current while the handler runs (so an exec's spans hang below it), with the
 * HTTP semantic-convention attributes.
 */
final class RestTracing {
  private static final TextMapGetter<MultiMap> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
          return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;
  private final Router router;

  RestTracing(OpenTelemetry openTelemetry, Router router) {
    this.tracer = openTelemetry.getTracer("io.kubemin.rest");
    this.router = router;
  }

  /** Runs the request's handling in its server span. */
  RestResponse traced(
      String method, String path, MultiMap headers, Supplier<RestResponse> handling) {
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    String route = router.routeOf(method, path);
    Span span =
        tracer
            .spanBuilder(route == null ? method : method + " " + route)
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .setAttribute("http.request.method", method)
            .setAttribute("url.path", path)
            .startSpan();
    if (route != null) {
      span.setAttribute("http.route", route);
    }
    try (Scope ignored = span.makeCurrent()) {
      RestResponse response = handling.get();
      span.setAttribute("http.response.status_code", (long) response.status());
      if (response.status() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      return response;
    } finally {
      span.end();
    }
  }
}
