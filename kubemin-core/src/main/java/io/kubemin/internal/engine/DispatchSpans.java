package io.kubemin.internal.engine;

import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.internal.trace.MessagingSystems;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.spi.OutgoingMessage;
import io.kubemin.workflow.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer spans of one enqueue of dispatch messages: one per task, child of the trace context
 * stored with the task (its exec), whose own context rides in the message's {@code traceparent}
 * header. Without tracing, {@link #OFF} makes plain messages.
 */
class DispatchSpans {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchSpans.class);

  /** No spans, messages without headers. */
  static final DispatchSpans OFF = new DispatchSpans();

  DispatchSpans() {}

  /** The spans for offering {@code tasks} (a shared no-op when tracing is off). */
  static DispatchSpans open(EngineParts parts, Collection<Task> tasks) {
    return parts.tracing().on() ? new Traced(parts, tasks) : OFF;
  }

  /** The message offering {@code queued}. */
  OutgoingMessage message(Task queued, byte[] payload) {
    return new OutgoingMessage(queued.appId(), payload);
  }

  void failed(RuntimeException failure) {}

  void close() {}

  private static final class Traced extends DispatchSpans {
    private final EngineParts parts;
    private final Map<String, String> origins;
    private final List<TraceSpan> spans = new ArrayList<>();

    Traced(EngineParts parts, Collection<Task> tasks) {
      this.parts = parts;
      this.origins = origins(parts, tasks);
    }

    private static Map<String, String> origins(EngineParts parts, Collection<Task> tasks) {
      try {
        return parts.store().findTraceContexts(tasks.stream().map(Task::id).toList());
      } catch (RuntimeException e) {
        LOG.debug("could not read the trace contexts of {} task(s)", tasks.size(), e);
        return Map.of();
      }
    }

    @Override
    OutgoingMessage message(Task queued, byte[] payload) {
      TraceSpan span =
          parts
              .tracing()
              .start(
                  "send " + MessagingSystems.DISPATCH_DESTINATION,
                  SpanKind.PRODUCER,
                  origins.get(queued.id()),
                  null,
                  false)
              .attribute(TraceNames.MESSAGING_SYSTEM, MessagingSystems.of(parts.queue()))
              .attribute(TraceNames.MESSAGING_DESTINATION, MessagingSystems.DISPATCH_DESTINATION)
              .attribute(TraceNames.MESSAGING_OPERATION_TYPE, "send")
              .attribute(TraceNames.MESSAGING_OPERATION_NAME, "send")
              .attribute(TraceNames.APP_ID, queued.appId())
              .attribute(TraceNames.TASK_ID, queued.id())
              .attribute(TraceNames.TASK_ATTEMPT, queued.attempt())
              .attribute(TraceNames.INSTANCE, parts.settings().instanceId());
      spans.add(span);
      String context = span.traceparent();
      return new OutgoingMessage(
          queued.appId(),
          payload,
          context == null ? Map.of() : Map.of(EngineTracing.TRACEPARENT, context));
    }

    @Override
    void failed(RuntimeException failure) {
      spans.forEach(s -> s.failed(failure.getClass().getSimpleName()));
    }

    @Override
    void close() {
      spans.forEach(TraceSpan::close);
    }
  }
}
