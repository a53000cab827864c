package io.kubemin.spi;

/** What {@link DataStore#insertTaskOfApplication} did. */
public enum TaskInsertion {
  /** The task was inserted, with its trace context and revision. */
  INSERTED,
  /** The application does not exist; nothing was written. */
  APPLICATION_MISSING,
  /** The application already had its limit of active tasks; the task was not inserted. */
  LIMIT_REACHED
}
