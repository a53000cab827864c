package io.kubemin.internal.engine;

import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.internal.trace.MessagingSystems;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.workflow.Task;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spans of a task's start on a worker: the queue hop's consumer span (from the message's read
 * to the task's start, child of the dispatch's producer span the message carried), then the task's
 * span, current on the task's thread. A later attempt (resumed after a crash or a hand-back) also
 * links the trace context stored with the task, so that it continues the trace of its exec.
 */
final class TaskSpans {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSpans.class);

  private TaskSpans() {}

  /** Opens the task's span (current on this thread); {@link TraceSpan#NONE} without tracing. */
  static TraceSpan open(EngineParts parts, TaskExecution execution) {
    EngineTracing tracing = parts.tracing();
    if (!tracing.on()) {
      return TraceSpan.NONE;
    }
    Task task = execution.task();
    String delivered = execution.traceparent();
    String origin = delivered == null || task.attempt() > 1 ? stored(parts, task) : null;
    String parent;
    try (TraceSpan hop =
        tracing
            .start(
                "process " + MessagingSystems.DISPATCH_DESTINATION,
                SpanKind.CONSUMER,
                delivered != null ? delivered : origin,
                execution.deliveredAt(),
                false)
            .attribute(TraceNames.MESSAGING_SYSTEM, MessagingSystems.of(parts.queue()))
            .attribute(TraceNames.MESSAGING_DESTINATION, MessagingSystems.DISPATCH_DESTINATION)
            .attribute(TraceNames.MESSAGING_OPERATION_TYPE, "process")
            .attribute(TraceNames.MESSAGING_OPERATION_NAME, "process")
            .attribute(TraceNames.MESSAGING_CONSUMER_GROUP, EngineSettings.WORKER_GROUP)
            .attribute(TraceNames.TASK_ID, task.id())
            .attribute(TraceNames.INSTANCE, parts.settings().instanceId())) {
      parent = hop.traceparent();
    }
    TraceSpan span =
        tracing
            .start(TraceNames.TASK, SpanKind.INTERNAL, parent)
            .attribute(TraceNames.APP_ID, task.appId())
            .attribute(TraceNames.TASK_ID, task.id())
            .attribute(TraceNames.TASK_ATTEMPT, task.attempt())
            .attribute(TraceNames.WORKFLOW_ID, task.workflowId())
            .attribute(TraceNames.INSTANCE, parts.settings().instanceId());
    if (task.attempt() > 1) {
      span.link(origin, "resumed");
    }
    execution.traceparent(span.traceparent());
    return span;
  }

  private static String stored(EngineParts parts, Task task) {
    try {
      return parts.store().findTraceContexts(List.of(task.id())).get(task.id());
    } catch (RuntimeException e) {
      LOG.debug("could not read the trace context of task {}", task.id(), e);
      return null;
    }
  }
}
