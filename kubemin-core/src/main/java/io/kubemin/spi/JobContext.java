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

  /** The task attempt running this job. */
  int attempt();

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
}
