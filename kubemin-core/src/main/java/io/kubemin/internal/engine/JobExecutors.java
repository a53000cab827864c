package io.kubemin.internal.engine;

import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registered executors; a job goes to the first that supports its kind. */
public final class JobExecutors {
  private final List<JobExecutor> executors;
  private final Map<JobKind, JobExecutor> byKind = new EnumMap<>(JobKind.class);

  public JobExecutors(List<JobExecutor> executors) {
    this.executors = List.copyOf(executors);
    for (JobKind kind : JobKind.values()) {
      this.executors.stream()
          .filter(e -> e.supports(kind))
          .findFirst()
          .ifPresent(e -> byKind.put(kind, e));
    }
  }

  /** The executor for a kind. */
  public Optional<JobExecutor> forKind(JobKind kind) {
    return Optional.ofNullable(byKind.get(kind));
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
