package io.kubemin.internal.trace;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Where the engine opens its spans. {@link #OFF} does nothing and allocates nothing; hooks that
 * would do work only for a span (a store read, a map of headers) check {@link #on()} first.
 */
public interface EngineTracing {
  /** Tracing off: no span, no context, nothing loaded. */
  EngineTracing OFF = new EngineTracing() {};

  /** The W3C trace-context header, as carried in queue messages and stored with tasks. */
  String TRACEPARENT = "traceparent";

  /** Whether spans are recorded. */
  default boolean on() {
    return false;
  }

  /**
   * Opens a span.
   *
   * @param parent the parent's W3C {@code traceparent}; null: the context current on this thread
   * @param startedAt when the span began, if before now (null: now)
   * @param current whether the span becomes current on this thread until it is closed
   */
  default TraceSpan start(
      String name, SpanKind kind, String parent, Instant startedAt, boolean current) {
    return TraceSpan.NONE;
  }

  /** Opens a span, current on this thread, child of the context current on this thread. */
  default TraceSpan start(String name, SpanKind kind) {
    return start(name, kind, null, null, true);
  }

  /** Opens a span, current on this thread, child of {@code parent} (null: the current context). */
  default TraceSpan start(String name, SpanKind kind, String parent) {
    return start(name, kind, parent, null, true);
  }

  /** The work, run in the trace context current on the thread that calls this method. */
  default <T> Supplier<T> carried(Supplier<T> work) {
    return work;
  }

  /** The current context as a W3C {@code traceparent}, or null when there is none. */
  default String currentTraceparent() {
    return null;
  }
}
