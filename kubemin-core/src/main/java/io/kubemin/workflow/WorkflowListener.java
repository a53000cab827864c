package io.kubemin.workflow;

/**
 * Told about task and job events, for progress bars and audit. Every method has an empty default;
 * implement the ones you need. Events are delivered on engine threads of the instance where they
 * happen (a task queued by the leader, run by a worker, is reported by both instances' listeners):
 * return quickly and do not throw (a throwing listener is logged and ignored).
 */
public interface WorkflowListener {

  /** The dispatcher claimed a waiting task and offered it to the workers. */
  default void taskQueued(TaskEvent event) {}

  /** A worker started (or resumed, with a higher attempt) a task. */
  default void taskStarted(TaskEvent event) {}

  /**
   * A task stopped at a {@code suspend} step (status {@code suspended}); no worker holds it until
   * it is resumed, cancelled or times out.
   *
   * @param suspension the step, its message and deadline
   */
  default void taskSuspended(TaskEvent event, TaskSuspension suspension) {}

  /**
   * A suspended task was resumed (status {@code waiting}, the next attempt): it goes on after its
   * suspend step on any instance. Told on the instance where {@code resume} was called.
   *
   * @param suspension the step it waited at, with who resumed it and when
   */
  default void taskResumed(TaskEvent event, TaskSuspension suspension) {}

  /** A task reached its final state (completed, failed, timeout or cancelled). */
  default void taskFinished(TaskEvent event) {}

  /** A job started running. */
  default void jobStarted(JobEvent event) {}

  /** A running job reported progress ({@link JobEvent#message()} says what). */
  default void jobProgress(JobEvent event) {}

  /** A job ended, successfully or not. */
  default void jobFinished(JobEvent event) {}
}
