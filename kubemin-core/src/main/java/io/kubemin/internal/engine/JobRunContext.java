package io.kubemin.internal.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The {@link JobContext} of one run of one job. */
final class JobRunContext implements JobContext {
  private final Instant deadline;
  private final TaskExecution execution;
  private final EngineParts parts;
  private final Clock clock;
  private final int attempt;
  private final Consumer<String> progress;
  private final List<HasMetadata> created = new ArrayList<>();

  JobRunContext(
      Instant deadline,
      TaskExecution execution,
      EngineParts parts,
      int attempt,
      Consumer<String> progress) {
    this.deadline = deadline;
    this.execution = execution;
    this.parts = parts;
    this.clock = parts.clock();
    this.attempt = attempt;
    this.progress = progress;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean cancelRequested() {
    return execution.stopReason() == StopReason.CANCELLED;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Instant leaseDeadline() {
    return execution.leaseDeadline(clock);
  }

  @Override
  public boolean leaseValid() {
    return execution.stopReason() != StopReason.FENCED && Leases.ensure(parts, execution);
  }

  @Override
  public synchronized void created(HasMetadata object) {
    created.add(object);
  }

  @Override
  public synchronized List<HasMetadata> createdObjects() {
    return List.copyOf(created);
  }

  @Override
  public void progress(String message) {
    progress.accept(message);
  }

  @Override
  public <T> T traced(String spanName, java.util.Map<String, String> attributes, TracedWork<T> work)
      throws InterruptedException {
    if (!parts.tracing().on()) {
      return work.run();
    }
    try (io.kubemin.internal.trace.TraceSpan span =
        parts.tracing().start(spanName, io.kubemin.internal.trace.SpanKind.CLIENT)) {
      attributes.forEach(span::attribute);
      try {
        return work.run();
      } catch (InterruptedException | RuntimeException | Error e) {
        span.failed(e.getClass().getSimpleName());
        throw e;
      }
    }
  }
}
