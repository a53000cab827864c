package io.kubemin.spi;

import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where applications, workflows, tasks and job records live: the single source of truth of the
 * engine. Implementations are thread-safe. Every failure to reach the backing store is a {@link
 * DataStoreException}; callers retry.
 *
 * <p>Writes store values as given: zero, false and empty values are written like any other (the
 * upstream skipped them, B16).
 */
public interface DataStore extends AutoCloseable {

  /**
   * Runs {@code work} so that all of its writes happen or none does. The store passed to {@code
   * work} must be used for every operation inside; nesting joins the outer transaction.
   */
  <T> T inTransaction(Function<DataStore, T> work);

  /** Inserts or replaces an application by id. */
  void putApplication(ApplicationRecord application);

  /** The application with this id. */
  Optional<ApplicationRecord> findApplication(String id);

  /** Every application, most recently updated first. */
  List<ApplicationRecord> listApplications();

  /**
   * Deletes an application with its components, workflows, tasks and job records.
   *
   * @return whether it existed
   */
  boolean deleteApplication(String id);

  /**
   * Inside {@link #inTransaction}, locks the application's row until the transaction ends, so that
   * a check and a write about it (an exec's insert, a delete's check for active tasks) cannot be
   * interleaved with those of another instance. The default only reads the application, which is
   * right for stores whose transactions already run one at a time (the in-memory store).
   *
   * @return whether the application exists
   */
  default boolean lockApplication(String appId) {
    return findApplication(appId).isPresent();
  }

  /** Inserts or replaces a component by id. */
  void putComponent(ComponentRecord component);

  /**
   * Deletes a component.
   *
   * @return whether it existed
   */
  boolean deleteComponent(String id);

  /** The components of an application, by ordinal. */
  List<ComponentRecord> listComponents(String appId);

  /**
   * Writes the live status of a component (other fields unchanged).
   *
   * @return whether the component exists
   */
  boolean updateComponentStatus(
      String componentId, ComponentStatus status, int readyReplicas, Instant now);

  /** Inserts or replaces a workflow by id. */
  void putWorkflow(WorkflowRecord workflow);

  /** The workflow with this id. */
  Optional<WorkflowRecord> findWorkflow(String id);

  /** The workflows of an application, oldest first. */
  List<WorkflowRecord> listWorkflows(String appId);

  /**
   * Inserts a new task unless its application already has {@code maxActivePerApp} active
   * (non-terminal) tasks; the check and the insert are atomic.
   *
   * @param maxActivePerApp the limit; 0 or less means no limit
   * @return whether the task was inserted
   */
  boolean insertTask(Task task, int maxActivePerApp);

  /** The task with this id. */
  Optional<Task> findTask(String id);

  /** The tasks of an application, newest first. */
  List<Task> listTasks(String appId);

  /**
   * The tasks of an application that have not ended (waiting, queued or running), oldest {@code
   * createdAt} first. The default filters {@link #listTasks}; stores should answer from an index.
   */
  default List<Task> listActiveTasks(String appId) {
    return listTasks(appId).stream()
        .filter(t -> t.status().active())
        .sorted(java.util.Comparator.comparing(Task::createdAt).thenComparing(Task::id))
        .toList();
  }

  /** Up to {@code limit} tasks in a status, oldest {@code createdAt} first (FIFO). */
  List<Task> listTasksByStatus(TaskStatus status, int limit);

  /** Up to {@code limit} running tasks whose lease ended before {@code now}, oldest lease first. */
  List<Task> listExpiredLeases(Instant now, int limit);

  /**
   * Replaces the state of a task if it is still in {@code expectedStatus} with {@code
   * expectedAttempt}: one conditional write. Writes status, attempt, owner, lease, deadline, error,
   * updated/started/finished times; never the cancel request fields, which only {@link
   * #requestCancel} writes.
   *
   * @return whether the task matched and was written; false means another party changed it first
   */
  boolean compareAndSet(String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next);

  /**
   * Records a durable cancel request on a task that has not ended.
   *
   * @return whether the request was recorded (false: unknown or already ended)
   */
  boolean requestCancel(String taskId, String by, String reason, Instant now);

  /** Appends a job record. */
  void insertJob(JobRecord job);

  /** The job records of a task, in insertion order. */
  List<JobRecord> listJobs(String taskId);

  /**
   * Deletes up to {@code limit} ended tasks of an application with their job records: the ended
   * tasks beyond its newest {@code keepLast} (by creation) and those that ended before {@code
   * endedBefore}. Active tasks are never deleted. Used by retention ({@link
   * io.kubemin.workflow.Retention}); the leading dispatcher calls it in batches.
   *
   * @param keepLast how many of the newest ended tasks to keep at least by count; {@link
   *     Integer#MAX_VALUE} for no count limit
   * @param endedBefore tasks that ended before this instant are deleted too; null for no age limit
   * @return how many tasks were deleted
   * @throws UnsupportedOperationException when the store cannot purge (the default): retention is
   *     then not applied, and the engine says so once
   */
  default int purgeEndedTasks(String appId, int keepLast, Instant endedBefore, int limit) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not implement purgeEndedTasks");
  }

  /**
   * Checks that the store can be reached.
   *
   * @throws DataStoreException when it cannot
   */
  void ping();

  /** Releases what the store created (never a host-owned resource such as a DataSource). */
  @Override
  void close();
}
