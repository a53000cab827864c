package io.kubemin.internal.trace;

/** The role of a span, as OpenTelemetry's span kinds. */
public enum SpanKind {
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER
}
