package io.kubemin.spi;

/**
 * Applies jobs and waits until their objects are ready. The engine picks the first registered
 * executor that {@link #supports} a job's kind. Executors must be idempotent: the same job may run
 * again after a crash or a retry (at-least-once), and must then converge to the same result.
 */
public interface JobExecutor {

  /** Whether this executor handles jobs of the kind. */
  boolean supports(JobKind kind);

  /**
   * Applies the job's object and waits for it to be ready.
   *
   * @return completed, skipped or failed
   * @throws InterruptedException when the engine interrupts the job (deadline or cancel)
   */
  JobOutcome run(Job job, JobContext context) throws InterruptedException;

  /**
   * Undoes what this run created after the job failed, timed out or was cancelled: deletes {@link
   * JobContext#createdObjects()}, and nothing else. Called with the interrupt flag cleared.
   */
  default void cleanup(Job job, JobContext context) {}

  /**
   * Deletes the job's object from the cluster, if it exists and is ours: used when an application
   * or one of its components is deleted. Must not fail when the object is already gone.
   *
   * @return whether something was deleted
   */
  default boolean delete(Job job) {
    return false;
  }
}
