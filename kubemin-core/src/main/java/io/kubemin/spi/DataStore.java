package io.kubemin.spi;

import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
   * One page of {@link #listApplications()}: at most {@code limit} applications after skipping
   * {@code offset}, in the same order. The default pages the whole list; stores should ask their
   * backend for the page only.
   *
   * @param offset applications to skip, 0 or more
   * @param limit most applications to return, 1 or more
   */
  default List<ApplicationRecord> listApplications(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be 0 or more and limit 1 or more, got " + offset + " and " + limit);
    }
    List<ApplicationRecord> all = listApplications();
    return offset >= all.size()
        ? List.of()
        : List.copyOf(all.subList(offset, Math.min(all.size(), offset + limit)));
  }

  /**
   * Marks the named {@code config} or {@code secret} component of an application {@link
   * ComponentStatus#RUNNING} once a job has applied its object, unless it is already; returns
   * whether a row changed. Called after every applied ConfigMap and Secret, so stores should do it
   * in one conditional statement; the default reads the application's components and updates the
   * one found.
   */
  default boolean markConfigApplied(String appId, String componentName, Instant now) {
    for (ComponentRecord component : listComponents(appId)) {
      String type = component.spec().type();
      if (component.name().equals(componentName)
          && ("config".equals(type) || "secret".equals(type))
          && component.status() != ComponentStatus.RUNNING) {
        return updateComponentStatus(component.id(), ComponentStatus.RUNNING, 0, now);
      }
    }
    return false;
  }

  /** How many applications there are. The default counts {@link #listApplications()}. */
  default int countApplications() {
    return listApplications().size();
  }

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

  /**
   * An exec's write: in one transaction, {@linkplain #lockApplication locks} the task's
   * application, {@linkplain #insertTask inserts} the task within {@code maxActivePerApp}, stores
   * its trace context (when not null) and {@linkplain #recordTaskRevision notes} the revision it
   * deploys (where the store keeps revisions). A store may do it in fewer round trips than those
   * calls take one by one, which is what the default does.
   *
   * @param maxActivePerApp the limit; 0 or less means no limit
   * @param traceparent the task's W3C {@code traceparent}, or null
   * @throws IllegalArgumentException when a task with this id exists
   */
  default TaskInsertion insertTaskOfApplication(
      Task task, int maxActivePerApp, String traceparent) {
    return inTransaction(
        tx -> insertInTransaction(tx, new NewTask(task, maxActivePerApp, traceparent)));
  }

  /**
   * Many execs' writes, each as {@link #insertTaskOfApplication} writes it (and only while its
   * {@linkplain NewTask#expectedFirstWorkflow() expected first workflow}, if any, still is the
   * application's first, and its {@linkplain NewTask#expectedApplicationUpdatedAt() expected
   * application}, if any, is unchanged), in this order (a task counts against its application's
   * limit for the tasks after it), all in one transaction: when one fails, none is written. The
   * engine gathers the execs that arrive together on a store that {@link #prefersBatches() prefers
   * batches}. A store may do it in fewer round trips than the default, which calls the steps of
   * each insertion one by one in one transaction; either locks the applications in the order of
   * their ids, so that concurrent batches do not deadlock.
   *
   * @return what each insertion did, in the order given
   * @throws IllegalArgumentException when a task with one of these ids exists
   */
  default List<TaskInsertion> insertTasksOfApplications(List<NewTask> tasks) {
    // By application id (an application's tasks keep their order), so that two batches lock
    // their applications in one order and never wait for each other in a cycle.
    List<Integer> order = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> tasks.get(i).task().appId()));
    return inTransaction(
        tx -> {
          TaskInsertion[] insertions = new TaskInsertion[tasks.size()];
          for (int i : order) {
            insertions[i] = insertInTransaction(tx, tasks.get(i));
          }
          return List.of(insertions);
        });
  }

  private static TaskInsertion insertInTransaction(DataStore tx, NewTask exec) {
    Task task = exec.task();
    if (!tx.lockApplication(task.appId())) {
      return TaskInsertion.APPLICATION_MISSING;
    }
    if (exec.expectedFirstWorkflow() != null
        && !exec.firstWorkflowHolds(tx.listWorkflows(task.appId()))) {
      return TaskInsertion.LIMIT_REACHED;
    }
    if (exec.expectedApplicationUpdatedAt() != null
        && !exec.applicationHolds(tx.findApplication(task.appId()))) {
      return TaskInsertion.LIMIT_REACHED;
    }
    if (!tx.insertTask(task, exec.maxActivePerApp())) {
      return TaskInsertion.LIMIT_REACHED;
    }
    if (exec.traceparent() != null) {
      tx.putTraceContext(task.id(), exec.traceparent());
    }
    try {
      tx.recordTaskRevision(task.id(), task.appId());
    } catch (UnsupportedOperationException e) {
      // The store keeps no revisions: the task deploys without one.
    }
    return TaskInsertion.INSERTED;
  }

  /** The task with this id. */
  Optional<Task> findTask(String id);

  /**
   * Stores the trace context of a task (a W3C {@code traceparent}, at most 64 characters) with it,
   * so that whichever instance dispatches or resumes the task continues its trace. The engine
   * writes it only when tracing is on, inside the transaction that inserts the task. The default
   * keeps nothing: traces of a store without it restart at each dispatch.
   */
  default void putTraceContext(String taskId, String traceparent) {}

  /**
   * The stored trace contexts of these tasks, by task id; tasks without one are left out. The
   * default knows none.
   */
  default java.util.Map<String, String> findTraceContexts(java.util.Collection<String> taskIds) {
    return java.util.Map.of();
  }

  /** The tasks of an application, newest first. */
  List<Task> listTasks(String appId);

  /**
   * The tasks of an application that have not ended (waiting, queued, running or suspended), oldest
   * {@code createdAt} first. The default filters {@link #listTasks}; stores should answer from an
   * index.
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
   * Up to {@code limit} suspended tasks that must end: those whose deadline (their suspend step's
   * timeout) is not after {@code now} and those with a cancel request, earliest deadline first. The
   * default filters {@link #listTasksByStatus}; stores should answer from an index.
   */
  default List<Task> listSuspendedToEnd(Instant now, int limit) {
    return listTasksByStatus(TaskStatus.SUSPENDED, Integer.MAX_VALUE).stream()
        .filter(t -> t.cancelRequested() || (t.deadline() != null && !t.deadline().isAfter(now)))
        .sorted(
            java.util.Comparator.comparing(
                Task::deadline,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
        .limit(limit)
        .toList();
  }

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

  /**
   * Claims up to {@code limit} waiting tasks that may start now ({@code waiting -> queued}, touched
   * at {@code now}), oldest {@code createdAt} first and fair across applications: an application
   * with {@code maxActivePerApp} queued, running or suspended tasks gets none, and one
   * application's backlog never hides another's tasks. Each claim is a compare-and-set, so claiming
   * beside other parties is safe.
   *
   * <p>The default looks at the oldest waiting tasks ({@code limit} plus 1,000) and claims them one
   * by one; stores should answer in a few statements and look at every waiting task.
   *
   * @param maxActivePerApp the limit of queued, running or suspended tasks per application; 0 or
   *     less: none
   * @return the claimed tasks, as written (status {@code queued})
   */
  default List<Task> claimWaiting(int limit, int maxActivePerApp, Instant now) {
    List<Task> claimed = new java.util.ArrayList<>();
    java.util.Map<String, Integer> room = new java.util.HashMap<>();
    for (Task task : listTasksByStatus(TaskStatus.WAITING, limit + 1_000)) {
      if (claimed.size() >= limit) {
        break;
      }
      if (maxActivePerApp > 0) {
        int left =
            room.computeIfAbsent(
                task.appId(),
                app ->
                    maxActivePerApp
                        - (int)
                            listActiveTasks(app).stream()
                                .filter(t -> t.status() != TaskStatus.WAITING)
                                .count());
        if (left <= 0) {
          continue;
        }
        room.put(task.appId(), left - 1);
      }
      Task queued = task.withStatus(TaskStatus.QUEUED, now);
      if (compareAndSet(task.id(), TaskStatus.WAITING, task.attempt(), queued)) {
        claimed.add(queued);
      }
    }
    return claimed;
  }

  /**
   * The tasks with these ids that exist, in no particular order. The default reads them one by one;
   * stores should answer in one statement.
   */
  default List<Task> findTasks(java.util.Collection<String> ids) {
    List<Task> found = new java.util.ArrayList<>(ids.size());
    for (String id : ids) {
      findTask(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The applications with these ids that exist, in no particular order. The default reads them one
   * by one; stores should answer in one statement.
   */
  default List<ApplicationRecord> findApplications(java.util.Collection<String> ids) {
    List<ApplicationRecord> found = new java.util.ArrayList<>(ids.size());
    for (String id : ids) {
      findApplication(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The components of these applications, each application's by ordinal. The default lists them
   * application by application; stores should answer in one statement.
   */
  default List<ComponentRecord> listComponents(java.util.Collection<String> appIds) {
    List<ComponentRecord> found = new java.util.ArrayList<>();
    for (String appId : appIds) {
      found.addAll(listComponents(appId));
    }
    return found;
  }

  /**
   * The workflows of these applications, each application's oldest first (in no particular order
   * between applications). The default lists them application by application; stores should answer
   * in one statement. The engine gathers the workflow listings of concurrent execs with it on a
   * store that {@link #prefersBatches() prefers batches}.
   */
  default List<WorkflowRecord> listWorkflows(java.util.Collection<String> appIds) {
    List<WorkflowRecord> found = new ArrayList<>();
    for (String appId : new java.util.LinkedHashSet<>(appIds)) {
      found.addAll(listWorkflows(appId));
    }
    return found;
  }

  /**
   * The workflows with these ids that exist, in no particular order. The default reads them one by
   * one; stores should answer in one statement.
   */
  default List<WorkflowRecord> findWorkflows(java.util.Collection<String> ids) {
    List<WorkflowRecord> found = new java.util.ArrayList<>(ids.size());
    for (String id : ids) {
      findWorkflow(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The tasks with these ids and what their plans are made of, read at one moment: a worker
   * starting tasks reads them with this. The default calls {@link #findTasks}, {@link
   * #findApplications}, {@link #listComponents(java.util.Collection)} and {@link #findWorkflows} in
   * turn; a store where each read is a network round trip should answer in one.
   */
  default TasksWithInputs findTasksWithInputs(java.util.Collection<String> ids) {
    List<Task> tasks = findTasks(ids);
    java.util.Set<String> appIds = new java.util.LinkedHashSet<>();
    java.util.Set<String> workflowIds = new java.util.LinkedHashSet<>();
    for (Task task : tasks) {
      appIds.add(task.appId());
      workflowIds.add(task.workflowId());
    }
    return new TasksWithInputs(
        tasks, findApplications(appIds), listComponents(appIds), findWorkflows(workflowIds));
  }

  /**
   * Starts tasks a worker read from the queue, durably before it returns: each of these tasks that
   * is {@code queued} with the given attempt and has no cancel request becomes {@code running},
   * owned by {@code owner} until {@code leaseUntil}, updated at {@code now}, started at {@code now}
   * unless it started before, and keeps its deadline or gets {@code deadlineIfNone} (which may be
   * null). Each start is its own compare-and-set: a task changed meanwhile is left as it is.
   *
   * <p>Returns the tasks as they are afterwards (a task this call started reads {@code running},
   * owned by {@code owner} until {@code leaseUntil}, updated at {@code now}) with their plans'
   * inputs. The default reads them with {@link #findTasksWithInputs} and writes the starts with
   * {@link #writeBatch(List, List)}; a store where each call is a round trip should do it all in
   * one.
   *
   * @param attempts the attempt expected of each task, by task id
   */
  default TasksWithInputs startQueuedTasks(
      java.util.Map<String, Integer> attempts,
      String owner,
      Instant now,
      Instant leaseUntil,
      Instant deadlineIfNone) {
    TasksWithInputs read = findTasksWithInputs(attempts.keySet());
    List<TaskChange> starts = new java.util.ArrayList<>();
    for (Task task : read.tasks()) {
      Integer attempt = attempts.get(task.id());
      if (task.status() == TaskStatus.QUEUED
          && attempt != null
          && task.attempt() == attempt
          && !task.cancelRequested()) {
        Instant deadline = task.deadline() != null ? task.deadline() : deadlineIfNone;
        starts.add(
            TaskChange.of(
                task,
                task.withStatus(TaskStatus.RUNNING, now)
                    .withLease(owner, leaseUntil)
                    .withStart(now, deadline)));
      }
    }
    if (starts.isEmpty()) {
      return read;
    }
    List<Boolean> matched = writeBatch(starts, List.of());
    java.util.Map<String, Task> started = new java.util.HashMap<>();
    for (int i = 0; i < starts.size(); i++) {
      if (matched.get(i)) {
        started.put(starts.get(i).taskId(), starts.get(i).next());
      }
    }
    List<Task> tasks = read.tasks().stream().map(t -> started.getOrDefault(t.id(), t)).toList();
    return new TasksWithInputs(tasks, read.applications(), read.components(), read.workflows());
  }

  /**
   * Writes a batch in one transaction: appends the job records, then applies each change as its own
   * compare-and-set (see {@link #compareAndSet}). A change whose condition fails changes nothing
   * and is reported as {@code false} for that change alone; the other changes and the job records
   * are still written. When the store fails, nothing of the batch is written and the call throws.
   *
   * <p>The default runs {@link #inTransaction} over {@link #insertJob} and {@link #compareAndSet}.
   *
   * @return for each change, in order, whether it matched and was written
   */
  default List<Boolean> writeBatch(List<TaskChange> changes, List<JobRecord> jobs) {
    return inTransaction(
        store -> {
          jobs.forEach(store::insertJob);
          List<Boolean> matched = new java.util.ArrayList<>(changes.size());
          for (TaskChange change : changes) {
            matched.add(
                store.compareAndSet(
                    change.taskId(),
                    change.expectedStatus(),
                    change.expectedAttempt(),
                    change.next()));
          }
          return matched;
        });
  }

  /**
   * {@link #writeBatch(List, List)} that also marks applied config and secret components running
   * (as {@link #markConfigApplied} does each), in the same transaction where the store can: the
   * engine's group commit sends the marks with the task changes of the same batch. The default
   * writes the batch, then marks each component on its own.
   *
   * @return for each change, in order, whether it matched and was written
   */
  default List<Boolean> writeBatch(
      List<TaskChange> changes, List<JobRecord> jobs, List<AppliedConfig> applied) {
    List<Boolean> matched =
        changes.isEmpty() && jobs.isEmpty() ? List.of() : writeBatch(changes, jobs);
    for (AppliedConfig config : applied) {
      markConfigApplied(config.appId(), config.componentName(), config.at());
    }
    return matched;
  }

  /**
   * Whether {@link #writeBatch} of many rows costs much less than writing them one by one (a
   * database with a commit per transaction). The engine then gathers the writes of its tasks into
   * batches; otherwise it writes each at once. The default is false.
   */
  default boolean prefersBatches() {
    return false;
  }

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
   * Stores a new revision of an application. Called inside {@link #inTransaction} after {@link
   * #lockApplication}, with the number after the application's latest one; a revision with the same
   * application and number must not exist.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions (the default): the
   *     application is then changed without a revision, and the engine says so once
   */
  default void insertRevision(RevisionRecord revision) {
    throw new UnsupportedOperationException(
        getClass().getName() + " keeps no application revisions (insertRevision)");
  }

  /**
   * The revisions of an application, oldest (number 1) first; empty when it has none.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions (the default)
   */
  default List<RevisionRecord> listRevisions(String appId) {
    throw new UnsupportedOperationException(
        getClass().getName() + " keeps no application revisions (listRevisions)");
  }

  /**
   * The numbers of an application's revisions, oldest first: how a caller learns whether revisions
   * it has not read yet exist, without reading their documents. The default takes them from {@link
   * #listRevisions}; stores should read only the numbers.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions
   */
  default List<Integer> revisionNumbers(String appId) {
    return listRevisions(appId).stream().map(RevisionRecord::number).toList();
  }

  /**
   * One revision of an application. The default searches {@link #listRevisions}.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions
   */
  default Optional<RevisionRecord> findRevision(String appId, int number) {
    return listRevisions(appId).stream().filter(r -> r.number() == number).findFirst();
  }

  /**
   * The newest revision of an application. The default takes the last of {@link #listRevisions};
   * stores should read only that row.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions
   */
  default Optional<RevisionRecord> latestRevision(String appId) {
    List<RevisionRecord> all = listRevisions(appId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Records that a task deploys the application's newest revision (nothing when it has none).
   * Called inside the transaction that inserts the task.
   *
   * @throws UnsupportedOperationException when the store keeps no revisions (the default)
   */
  default void recordTaskRevision(String taskId, String appId) {
    throw new UnsupportedOperationException(
        getClass().getName() + " keeps no application revisions (recordTaskRevision)");
  }

  /**
   * The revision number a task deployed; empty when none was recorded (a task of an application
   * without revisions, or one created before revisions existed).
   *
   * @throws UnsupportedOperationException when the store keeps no revisions (the default)
   */
  default Optional<Integer> findTaskRevision(String taskId) {
    throw new UnsupportedOperationException(
        getClass().getName() + " keeps no application revisions (findTaskRevision)");
  }

  /**
   * Inserts or replaces the suspension of a task at a step (by task id and step name). The engine
   * writes it just before the task's {@code running -> suspended} compare-and-set, so a row whose
   * task is not suspended there is one the task went past or never reached (its writer was fenced).
   *
   * @throws UnsupportedOperationException when the store cannot suspend tasks (the default): a task
   *     that reaches a {@code suspend} step then fails, saying so
   */
  default void putSuspension(TaskSuspension suspension) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot suspend tasks (putSuspension)");
  }

  /**
   * The suspensions of a task, oldest first; empty when it has none.
   *
   * @throws UnsupportedOperationException when the store cannot suspend tasks (the default)
   */
  default List<TaskSuspension> listSuspensions(String taskId) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot suspend tasks (listSuspensions)");
  }

  /**
   * Records who resumed the task's suspension at {@code step}, unless it was resumed before: one
   * conditional write. Called in the transaction of the task's {@code suspended -> waiting}
   * compare-and-set.
   *
   * @return whether the suspension existed and was not resumed yet
   * @throws UnsupportedOperationException when the store cannot suspend tasks (the default)
   */
  default boolean resumeSuspension(String taskId, String step, String by, Instant at) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot suspend tasks (resumeSuspension)");
  }

  /**
   * Checks that the store can be reached.
   *
   * @throws DataStoreException when it cannot
   */
  void ping();

  /**
   * Whether several processes can share this store (a database server): when they do and the host
   * gives no {@link LeaderElection}, their instances elect one leader through {@link #tryLease} (a
   * store that says true without implementing it gets every instance leading, logged as an error).
   * Default false: every instance of a process-local store leads.
   */
  default boolean shared() {
    return false;
  }

  /**
   * Takes or renews the lease {@code name} for {@code holder} until {@code until}, in one
   * compare-and-set: it succeeds when nobody holds the lease, when {@code holder} holds it, or when
   * the holder's lease ended before {@code now}.
   *
   * @return whether {@code holder} holds the lease until {@code until}
   * @throws DataStoreException when the store cannot be reached (the lease is unknown)
   * @throws UnsupportedOperationException when the store has no leases (the default)
   */
  default boolean tryLease(String name, String holder, Instant now, Instant until) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no leases");
  }

  /**
   * Ends the lease {@code name} at once if {@code holder} holds it, so that another instance can
   * take it without waiting for it to expire. Does nothing by default.
   *
   * @throws DataStoreException when the store cannot be reached
   */
  default void releaseLease(String name, String holder) {}

  /** Releases what the store created (never a host-owned resource such as a DataSource). */
  @Override
  void close();
}
