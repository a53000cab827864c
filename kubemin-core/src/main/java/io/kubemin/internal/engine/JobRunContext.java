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
  private final Clock clock;
  private final int attempt;
  private final Consumer<String> progress;
  private final List<HasMetadata> created = new ArrayList<>();

  JobRunContext(
      Instant deadline,
      TaskExecution execution,
      Clock clock,
      int attempt,
      Consumer<String> progress) {
    this.deadline = deadline;
    this.execution = execution;
    this.clock = clock;
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
}
