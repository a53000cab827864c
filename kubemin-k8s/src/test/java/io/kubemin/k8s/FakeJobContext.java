package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job context for executor tests: a real clock, a deadline, recorded creations and progress. */
final class FakeJobContext implements JobContext {
  private final Instant deadline;
  private final List<HasMetadata> created = new CopyOnWriteArrayList<>();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;
  private volatile boolean leaseLost;

  FakeJobContext(Duration timeout) {
    this.deadline = Instant.now().plus(timeout);
  }

  static FakeJobContext withTimeout(Duration timeout) {
    return new FakeJobContext(timeout);
  }

  void cancel() {
    cancelled = true;
  }

  /** From now on the worker's lease counts as run out. */
  void loseLease() {
    leaseLost = true;
  }

  @Override
  public boolean leaseValid() {
    return !leaseLost;
  }

  List<String> progressMessages() {
    return progress;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean cancelRequested() {
    return cancelled;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public void created(HasMetadata object) {
    created.add(object);
  }

  @Override
  public List<HasMetadata> createdObjects() {
    return List.copyOf(created);
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }
}
