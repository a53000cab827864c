package io.kubemin.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What the engine gives a {@link JobExecutor} for one run of one job.
 *
 * <p>The engine enforces deadlines and cancellation by interrupting the thread that runs the job;
 * executors wait interruptibly and may use {@link #deadline()} to bound their own waits.
 */
public interface JobContext {

  /** The instant by which the job must have finished. */
  Instant deadline();

  /** Whether the task has been cancelled (the running thread is also interrupted). */
  boolean cancelRequested();

  /** The engine's clock. */
  Clock clock();

  /**
   * The task attempt running this job: the fencing token. Every attempt of a task has a higher
   * number than the one before; the store rejects writes of an older attempt.
   */
  int attempt();

  /**
   * When this worker's lease on the task ends by its own monotonic clock (minus a safety margin),
   * expressed on {@link #clock()}; the heartbeat moves it on while the store takes renewals. The
   * default (executors driven outside the engine) is the job's {@link #deadline()}.
   */
  default Instant leaseDeadline() {
    return deadline();
  }

  /**
   * Whether this worker may still act on the task: call it right before each change to the cluster
   * (each apply or delete) and stop without the change when it returns false. A lease that ran out
   * by this worker's clock (a process paused past its lease) is renewed once through the store;
   * when that fails, or the task was taken back, the task is stopped and this returns false, so a
   * late worker never applies over the one that now runs the task. The default is always true.
   */
  default boolean leaseValid() {
    return true;
  }

  /**
   * Records that this run created the object (it did not exist before), so a failure, timeout or
   * cancel deletes it again in {@link JobExecutor#cleanup}. Objects that existed are never
   * recorded: cleanup must not remove what was there before.
   */
  void created(HasMetadata object);

  /** The objects recorded by {@link #created} in this run. */
  List<HasMetadata> createdObjects();

  /** Reports progress to listeners (for example "waiting for 2/3 replicas"). */
  void progress(String message);

  /**
   * Runs {@code work} in a span, child of the job's span, when the engine traces
   * (docs/observability.md); otherwise (and by default) just runs it. A failure of {@code work}
   * marks the span failed with the exception's class name and is rethrown unchanged.
   *
   * @param spanName the span's name, such as {@code "k8s.apply"}
   * @param attributes text attributes (semantic-convention names where one exists, such as {@code
   *     k8s.namespace.name}); ids and names only, never data of the application
   */
  default <T> T traced(
      String spanName, java.util.Map<String, String> attributes, TracedWork<T> work)
      throws InterruptedException {
    return work.run();
  }

  /** Work run by {@link #traced}; it may wait interruptibly. */
  @FunctionalInterface
  interface TracedWork<T> {
    /** Runs the work. */
    T run() throws InterruptedException;
  }
}
