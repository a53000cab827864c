package io.kubemin.spi;

/** What {@link DataStore#insertTaskOfApplication} did. */
public enum TaskInsertion {
  /** The task was inserted, with its trace context and revision. */
  INSERTED,
  /** The application does not exist; nothing was written. */
  APPLICATION_MISSING,
  /**
   * The application already had its limit of active tasks, or the task's {@linkplain
   * NewTask#expectedFirstWorkflow() expected first workflow} no longer is, or its application no
   * longer has the {@linkplain NewTask#expectedApplicationUpdatedAt() expected updatedAt}; the task
   * was not inserted.
   */
  LIMIT_REACHED
}
