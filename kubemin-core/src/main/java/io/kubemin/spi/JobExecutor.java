package io.kubemin.spi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.plan.ObjectPreview;
import java.util.List;

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

  /**
   * The objects of a kind in the cluster that belong to the application by their ownership labels
   * ({@code kube-min-cli-appId}; for RBAC objects the {@code kube-min-cli} marker): what garbage
   * collection and plan compare with what the application renders. Objects without the labels must
   * not be returned. The default, for executors that cannot list, is none: nothing of their kinds
   * is ever collected.
   *
   * @throws InterruptedException when interrupted while reading
   */
  default List<HasMetadata> listOwned(JobKind kind, String appId) throws InterruptedException {
    return List.of();
  }

  /**
   * What {@link #run} would do to the job's object, without changing anything: create, update (with
   * the fields), unchanged, or nothing (not ours). Values of a Secret's data must never be
   * returned. The default cannot tell.
   *
   * @throws InterruptedException when interrupted while reading
   */
  default ObjectPreview preview(Job job) throws InterruptedException {
    return ObjectPreview.unknown(getClass().getSimpleName() + " cannot preview objects");
  }
}
