package io.kubemin.internal.trace;

/**
 * One span the engine opened. A span started as current is current on the opening thread until
 * {@link #close()}, which must run on that thread.
 */
public interface TraceSpan extends AutoCloseable {
  /** The span of an engine without tracing: every call does nothing. */
  TraceSpan NONE = new TraceSpan() {};

  /** Sets a text attribute (a null value is left out). */
  default TraceSpan attribute(String key, String value) {
    return this;
  }

  /** Sets a number attribute. */
  default TraceSpan attribute(String key, long value) {
    return this;
  }

  /** Links another span context (a W3C {@code traceparent}; null or malformed is ignored). */
  default TraceSpan link(String traceparent, String reason) {
    return this;
  }

  /** Marks the span failed with a short description (never data of the application). */
  default TraceSpan failed(String description) {
    return this;
  }

  /** This span's context as a W3C {@code traceparent}, or null without tracing. */
  default String traceparent() {
    return null;
  }

  /** Ends the span and, if it was current, restores the context from before. */
  @Override
  default void close() {}
}
