package io.kubemin.internal.engine;

import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registered executors; a job goes to the first that supports its kind. */
public final class JobExecutors {
  private static final ClassValue<Boolean> LISTS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("listOwned", JobKind.class, String.class).getDeclaringClass()
                != JobExecutor.class;
          } catch (NoSuchMethodException e) {
            return true;
          }
        }
      };

  private final List<JobExecutor> executors;
  private final Map<JobKind, Optional<JobExecutor>> byKind = new ConcurrentHashMap<>();
  private final boolean anyLists;

  public JobExecutors(List<JobExecutor> executors) {
    this.executors = List.copyOf(executors);
    this.anyLists = this.executors.stream().anyMatch(JobExecutors::lists);
  }

  /**
   * Whether an executor can list the objects an application owns: one that keeps {@link
   * JobExecutor#listOwned}'s default lists nothing, so asking it is skipped.
   */
  static boolean lists(JobExecutor executor) {
    return LISTS.get(executor.getClass());
  }

  /** Whether any registered executor {@linkplain #lists(JobExecutor) lists}. */
  public boolean anyLists() {
    return anyLists;
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
