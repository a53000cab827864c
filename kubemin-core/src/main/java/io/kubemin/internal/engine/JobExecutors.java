package io.kubemin.internal.engine;

import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registered executors; a job goes to the first that supports its kind. */
public final class JobExecutors {
  private final List<JobExecutor> executors;
  private final Map<JobKind, Optional<JobExecutor>> byKind = new ConcurrentHashMap<>();

  public JobExecutors(List<JobExecutor> executors) {
    this.executors = List.copyOf(executors);
  }

  /** The executor for a kind (built in or not; looked up once per kind). */
  public Optional<JobExecutor> forKind(JobKind kind) {
    return byKind.computeIfAbsent(
        kind, k -> executors.stream().filter(e -> e.supports(k)).findFirst());
  }

  /** Whether none is registered. */
  public boolean isEmpty() {
    return executors.isEmpty();
  }

  /** Class names, for the configuration log line. */
  public List<String> names() {
    return executors.stream().map(e -> e.getClass().getSimpleName()).toList();
  }
}
