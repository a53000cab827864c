package io.kubemin.internal.engine;

import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.internal.trace.SpanKind;
import io.kubemin.internal.trace.TraceNames;
import io.kubemin.internal.trace.TraceSpan;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.AppliedConfig;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.spi.TaskChange;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit over a store that {@link DataStore#prefersBatches() prefers batches}: the task
 * changes (compare-and-set) and job records of every thread of this instance are gathered by one
 * committer thread and written with {@link DataStore#writeBatch}, one transaction for as many as
 * arrived while the previous batch was written. Each change keeps its own condition, and its caller
 * learns its own outcome; a failed batch fails each of its callers as their own write would have.
 * Job records and applied-config marks are written in order before any later change of their task,
 * without the caller waiting. Execs' insertions are gathered likewise by a committer of their own
 * ({@link ExecBatcher}), and concurrent workflow listings share reads ({@link WorkflowReads}).
 * Other reads and everything else go straight to the store.
 */
public final class GroupCommitStore implements DataStore {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitStore.class);

  /** Rows (changes plus job records) per transaction, at most. */
  static final int MAX_BATCH = 256;

  /**
   * Committer threads; each task's writes always go to the same one, so they stay in order. One: on
   * MariaDB two lanes wrote half-size batches, which cost 50 % more statements and fsyncs per task
   * and drained no faster (the drain is CPU-bound; the closed loop was slower).
   */
  static final int LANES = 1;

  private final DataStore store;
  private final Lane[] lanes = new Lane[LANES];
  private final ExecBatcher execs;
  private final WorkflowReads workflowReads;
  private final EngineTracing tracing;

  /**
   * @param store the store written in batches
   * @param name the name of the committer threads (its instance)
   */
  public GroupCommitStore(DataStore store, String name) {
    this(store, name, EngineTracing.OFF);
  }

  /**
   * @param store the store written in batches
   * @param name the name of the committer threads (its instance)
   * @param tracing where each batch's span goes
   */
  public GroupCommitStore(DataStore store, String name, EngineTracing tracing) {
    this.store = store;
    this.tracing = tracing;
    this.execs = new ExecBatcher(store, name);
    this.workflowReads = new WorkflowReads(store, name);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = new Lane(name + "-" + i);
    }
  }

  /** The store this one batches for. */
  public DataStore delegate() {
    return store;
  }

  /** Writes what is pending and stops the committers; later writes go straight to the store. */
  public void stop() {
    workflowReads.stop();
    execs.stop();
    for (Lane lane : lanes) {
      lane.stop();
    }
  }

  /**
   * Stops like a dead process: what is pending is never written (its callers fail) and every later
   * write fails; a batch being written when this is called ends as the store decides.
   */
  public void crash() {
    workflowReads.crash();
    execs.crash();
    for (Lane lane : lanes) {
      lane.crash();
    }
  }

  /**
   * Queues changes and job records for the next batches and returns at once; the future completes
   * when they are durable, with each change's outcome in order.
   */
  public CompletableFuture<List<Boolean>> writeBatchAsync(
      List<TaskChange> changes, List<JobRecord> jobs) {
    if (changes.isEmpty() && jobs.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    if (changes.size() + jobs.size() == 1) {
      String taskId = changes.isEmpty() ? jobs.get(0).taskId() : changes.get(0).taskId();
      return lane(taskId).submit(List.copyOf(changes), List.copyOf(jobs), List.of(), null);
    }
    List<List<TaskChange>> changesByLane = new ArrayList<>();
    List<List<JobRecord>> jobsByLane = new ArrayList<>();
    for (int i = 0; i < LANES; i++) {
      changesByLane.add(new ArrayList<>());
      jobsByLane.add(new ArrayList<>());
    }
    int[] laneOf = new int[changes.size()];
    for (int i = 0; i < changes.size(); i++) {
      laneOf[i] = laneIndex(changes.get(i).taskId());
      changesByLane.get(laneOf[i]).add(changes.get(i));
    }
    jobs.forEach(j -> jobsByLane.get(laneIndex(j.taskId())).add(j));
    List<CompletableFuture<List<Boolean>>> parts = new ArrayList<>();
    for (int i = 0; i < LANES; i++) {
      boolean empty = changesByLane.get(i).isEmpty() && jobsByLane.get(i).isEmpty();
      parts.add(
          empty
              ? CompletableFuture.completedFuture(List.of())
              : lanes[i].submit(changesByLane.get(i), jobsByLane.get(i), List.of(), null));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              int[] next = new int[LANES];
              List<Boolean> matched = new ArrayList<>(changes.size());
              for (int lane : laneOf) {
                matched.add(parts.get(lane).join().get(next[lane]++));
              }
              return matched;
            });
  }

  /**
   * Queues a mark of an applied config or secret component ({@link DataStore#markConfigApplied})
   * for the next batch of the lane of the task whose job applied it, without waiting: it is durable
   * no later than that task's next change. When its batch fails, the mark goes again with the
   * task's final state.
   *
   * @return completes once the mark is durable, exceptionally when its batch failed
   */
  public CompletableFuture<?> markConfigAppliedLater(String taskId, AppliedConfig applied) {
    CompletableFuture<List<Boolean>> written =
        lane(taskId).submit(List.of(), List.of(), List.of(applied), taskId);
    written.exceptionally(
        e -> {
          LOG.debug(
              "the mark of component {} of {} goes again with task {}'s end",
              applied.componentName(),
              applied.appId(),
              taskId,
              e);
          return List.of();
        });
    return written;
  }

  private Lane lane(String taskId) {
    return lanes[laneIndex(taskId)];
  }

  private static int laneIndex(String taskId) {
    return Math.floorMod(taskId.hashCode(), LANES);
  }

  /** One committer thread with its queue of writes. */
  private final class Lane extends Committer<Write> {
    // Job records whose fire-and-forget batch failed, by task: they go again with the task's final
    // state, so no task ends with a record missing (touched by the committer thread only).
    private final Map<String, List<JobRecord>> unwritten = new HashMap<>();
    // Likewise for applied-config marks, by the task whose job applied them.
    private final Map<String, List<AppliedConfig>> unapplied = new HashMap<>();

    Lane(String name) {
      super("kubemin-commit-" + name, MAX_BATCH);
    }

    CompletableFuture<List<Boolean>> submit(
        List<TaskChange> changes,
        List<JobRecord> jobs,
        List<AppliedConfig> applied,
        String marker) {
      Write write =
          new Write(
              changes,
              jobs,
              applied,
              marker,
              new CompletableFuture<>(),
              tracing.on() ? tracing.currentTraceparent() : null);
      if (offer(write)) {
        return write.result;
      }
      try {
        write.result.complete(
            applied.isEmpty()
                ? store.writeBatch(changes, jobs)
                : store.writeBatch(changes, jobs, applied));
      } catch (RuntimeException e) {
        write.fail(e);
      }
      return write.result;
    }

    @Override
    int weight(Write write) {
      return write.rows();
    }

    @Override
    void fail(Write write, RuntimeException failure) {
      write.fail(failure);
    }

    @Override
    void write(List<Write> batch) {
      List<TaskChange> changes = new ArrayList<>();
      List<JobRecord> jobs = new ArrayList<>();
      List<AppliedConfig> applied = new ArrayList<>();
      List<JobRecord> unattended = new ArrayList<>();
      Map<String, List<AppliedConfig>> unattendedMarks = new HashMap<>();
      for (Write write : batch) {
        changes.addAll(write.changes);
        jobs.addAll(write.jobs);
        applied.addAll(write.applied);
        if (write.changes.isEmpty()) {
          unattended.addAll(write.jobs);
          if (!write.applied.isEmpty()) {
            unattendedMarks
                .computeIfAbsent(write.marker, id -> new ArrayList<>())
                .addAll(write.applied);
          }
        }
      }
      for (TaskChange change : changes) {
        if (!change.next().status().terminal()) {
          continue;
        }
        List<JobRecord> again = unwritten.remove(change.taskId());
        if (again != null) {
          jobs.addAll(0, again);
          unattended.addAll(again);
        }
        List<AppliedConfig> marksAgain = unapplied.remove(change.taskId());
        if (marksAgain != null) {
          applied.addAll(marksAgain);
          unattendedMarks
              .computeIfAbsent(change.taskId(), id -> new ArrayList<>())
              .addAll(marksAgain);
        }
      }
      List<Boolean> matched;
      try (TraceSpan span = tracing.on() ? batchSpan(batch, changes, jobs) : TraceSpan.NONE) {
        try {
          matched =
              applied.isEmpty()
                  ? store.writeBatch(changes, jobs)
                  : store.writeBatch(changes, jobs, applied);
        } catch (RuntimeException e) {
          span.failed(e.getClass().getSimpleName());
          throw e;
        }
      } catch (RuntimeException e) {
        unattended.forEach(
            job -> unwritten.computeIfAbsent(job.taskId(), id -> new ArrayList<>()).add(job));
        unattendedMarks.forEach(
            (taskId, marks) ->
                unapplied.computeIfAbsent(taskId, id -> new ArrayList<>()).addAll(marks));
        LOG.warn(
            "writing a batch of {} task change(s) and {} job record(s) failed; each of its tasks"
                + " handles the failure as its own",
            changes.size(),
            jobs.size(),
            e);
        batch.forEach(w -> w.fail(e));
        return;
      }
      int offset = 0;
      for (Write write : batch) {
        int size = write.changes.size();
        write.result.complete(matched.subList(offset, offset + size));
        offset += size;
      }
    }
  }

  /**
   * The batch's span: a child of a writer's span when all its traced writers belong to one trace,
   * else a root linked to one writer of each trace (one batch serves many traces); none when no
   * writer was traced.
   */
  private TraceSpan batchSpan(List<Write> batch, List<TaskChange> changes, List<JobRecord> jobs) {
    Map<String, String> writerByTrace = new java.util.LinkedHashMap<>();
    for (Write write : batch) {
      String writer = write.traceparent();
      if (writer != null && writer.length() >= 35) {
        writerByTrace.putIfAbsent(writer.substring(3, 35), writer);
      }
    }
    if (writerByTrace.isEmpty()) {
      return TraceSpan.NONE; // heartbeats and other untraced writes make no trace of their own
    }
    String parent = writerByTrace.size() == 1 ? writerByTrace.values().iterator().next() : null;
    TraceSpan span =
        tracing
            .start(TraceNames.STORE_BATCH, SpanKind.CLIENT, parent, null, false)
            .attribute(TraceNames.DB_OPERATION, "writeBatch")
            .attribute(TraceNames.BATCH_SIZE, changes.size() + jobs.size());
    if (parent == null) {
      writerByTrace.values().forEach(w -> span.link(w, "batched"));
    }
    return span;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  @Override
  public boolean compareAndSet(
      String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next) {
    if (!next.id().equals(taskId)) {
      return store.compareAndSet(taskId, expectedStatus, expectedAttempt, next);
    }
    TaskChange change = new TaskChange(expectedStatus, expectedAttempt, next);
    return join(writeBatchAsync(List.of(change), List.of())).get(0);
  }

  /**
   * Queues the record for the next batch without waiting. When that batch fails, the record is
   * written again with the task's final state (in the same transaction), so a task never ends with
   * a record missing.
   */
  @Override
  public void insertJob(JobRecord job) {
    writeBatchAsync(List.of(), List.of(job))
        .exceptionally(
            e -> {
              LOG.debug(
                  "job {} of task {} goes again with the task's end", job.name(), job.taskId(), e);
              return List.of();
            });
  }

  @Override
  public List<Boolean> writeBatch(List<TaskChange> changes, List<JobRecord> jobs) {
    return join(writeBatchAsync(changes, jobs));
  }

  @Override
  public List<Boolean> writeBatch(
      List<TaskChange> changes, List<JobRecord> jobs, List<AppliedConfig> applied) {
    // The changes go through the committers (in order with their tasks' other writes); marks
    // without a task to follow go straight to the store (the engine queues its own with its task).
    List<Boolean> matched = writeBatch(changes, jobs);
    if (!applied.isEmpty()) {
      store.writeBatch(List.of(), List.of(), applied);
    }
    return matched;
  }

  @Override
  public boolean prefersBatches() {
    return true;
  }

  @Override
  public <T> T inTransaction(Function<DataStore, T> work) {
    return store.inTransaction(work);
  }

  @Override
  public void putApplication(ApplicationRecord application) {
    store.putApplication(application);
  }

  @Override
  public Optional<ApplicationRecord> findApplication(String id) {
    return store.findApplication(id);
  }

  @Override
  public List<ApplicationRecord> listApplications() {
    return store.listApplications();
  }

  @Override
  public boolean deleteApplication(String id) {
    return store.deleteApplication(id);
  }

  @Override
  public void putComponent(ComponentRecord component) {
    store.putComponent(component);
  }

  @Override
  public boolean deleteComponent(String id) {
    return store.deleteComponent(id);
  }

  @Override
  public List<ComponentRecord> listComponents(String appId) {
    return store.listComponents(appId);
  }

  @Override
  public boolean updateComponentStatus(
      String componentId, ComponentStatus status, int readyReplicas, Instant now) {
    return store.updateComponentStatus(componentId, status, readyReplicas, now);
  }

  @Override
  public void putWorkflow(WorkflowRecord workflow) {
    store.putWorkflow(workflow);
  }

  @Override
  public Optional<WorkflowRecord> findWorkflow(String id) {
    return store.findWorkflow(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Listings asked for while another is read share the next read ({@link WorkflowReads}).
   */
  @Override
  public List<WorkflowRecord> listWorkflows(String appId) {
    return workflowReads.list(appId);
  }

  @Override
  public List<WorkflowRecord> listWorkflows(Collection<String> appIds) {
    return store.listWorkflows(appIds);
  }

  @Override
  public boolean insertTask(Task task, int maxActivePerApp) {
    return store.insertTask(task, maxActivePerApp);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Concurrent execs share a transaction: the insertion goes with the next batch ({@link
   * ExecBatcher}), and this returns once it is durable.
   */
  @Override
  public TaskInsertion insertTaskOfApplication(Task task, int maxActivePerApp, String traceparent) {
    return execs.insert(new NewTask(task, maxActivePerApp, traceparent));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One exec's write goes with the next batch, as {@link #insertTaskOfApplication} does.
   */
  @Override
  public List<TaskInsertion> insertTasksOfApplications(List<NewTask> tasks) {
    if (tasks.size() == 1) {
      return List.of(execs.insert(tasks.get(0)));
    }
    return store.insertTasksOfApplications(tasks);
  }

  @Override
  public Optional<Task> findTask(String id) {
    return store.findTask(id);
  }

  @Override
  public List<Task> findTasks(Collection<String> ids) {
    return store.findTasks(ids);
  }

  @Override
  public io.kubemin.spi.TasksWithInputs startQueuedTasks(
      java.util.Map<String, Integer> attempts,
      String owner,
      Instant now,
      Instant leaseUntil,
      Instant deadlineIfNone) {
    return store.startQueuedTasks(attempts, owner, now, leaseUntil, deadlineIfNone);
  }

  @Override
  public io.kubemin.spi.TasksWithInputs findTasksWithInputs(Collection<String> ids) {
    return store.findTasksWithInputs(ids);
  }

  @Override
  public List<ApplicationRecord> findApplications(Collection<String> ids) {
    return store.findApplications(ids);
  }

  @Override
  public List<ComponentRecord> listComponents(Collection<String> appIds) {
    return store.listComponents(appIds);
  }

  @Override
  public List<WorkflowRecord> findWorkflows(Collection<String> ids) {
    return store.findWorkflows(ids);
  }

  @Override
  public List<Task> listTasks(String appId) {
    return store.listTasks(appId);
  }

  @Override
  public List<Task> listActiveTasks(String appId) {
    return store.listActiveTasks(appId);
  }

  @Override
  public List<Task> listTasksByStatus(TaskStatus status, int limit) {
    return store.listTasksByStatus(status, limit);
  }

  @Override
  public List<Task> listExpiredLeases(Instant now, int limit) {
    return store.listExpiredLeases(now, limit);
  }

  @Override
  public List<ApplicationRecord> listApplications(int offset, int limit) {
    return store.listApplications(offset, limit);
  }

  @Override
  public int countApplications() {
    return store.countApplications();
  }

  @Override
  public boolean lockApplication(String appId) {
    return store.lockApplication(appId);
  }

  @Override
  public int purgeEndedTasks(String appId, int keepLast, Instant endedBefore, int limit) {
    return store.purgeEndedTasks(appId, keepLast, endedBefore, limit);
  }

  @Override
  public boolean shared() {
    return store.shared();
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    return store.tryLease(name, holder, now, until);
  }

  @Override
  public void releaseLease(String name, String holder) {
    store.releaseLease(name, holder);
  }

  @Override
  public void insertRevision(RevisionRecord revision) {
    store.insertRevision(revision);
  }

  @Override
  public List<RevisionRecord> listRevisions(String appId) {
    return store.listRevisions(appId);
  }

  @Override
  public List<Integer> revisionNumbers(String appId) {
    return store.revisionNumbers(appId);
  }

  @Override
  public Optional<RevisionRecord> findRevision(String appId, int number) {
    return store.findRevision(appId, number);
  }

  @Override
  public Optional<RevisionRecord> latestRevision(String appId) {
    return store.latestRevision(appId);
  }

  @Override
  public void recordTaskRevision(String taskId, String appId) {
    store.recordTaskRevision(taskId, appId);
  }

  @Override
  public Optional<Integer> findTaskRevision(String taskId) {
    return store.findTaskRevision(taskId);
  }

  @Override
  public List<Task> listSuspendedToEnd(Instant now, int limit) {
    return store.listSuspendedToEnd(now, limit);
  }

  @Override
  public void putSuspension(TaskSuspension suspension) {
    store.putSuspension(suspension);
  }

  @Override
  public List<TaskSuspension> listSuspensions(String taskId) {
    return store.listSuspensions(taskId);
  }

  @Override
  public boolean resumeSuspension(String taskId, String step, String by, Instant at) {
    return store.resumeSuspension(taskId, step, by, at);
  }

  @Override
  public boolean markConfigApplied(String appId, String componentName, Instant now) {
    return store.markConfigApplied(appId, componentName, now);
  }

  @Override
  public List<Task> claimWaiting(int limit, int maxActivePerApp, Instant now) {
    return store.claimWaiting(limit, maxActivePerApp, now);
  }

  @Override
  public boolean requestCancel(String taskId, String by, String reason, Instant now) {
    return store.requestCancel(taskId, by, reason, now);
  }

  @Override
  public List<JobRecord> listJobs(String taskId) {
    return store.listJobs(taskId);
  }

  @Override
  public void putTraceContext(String taskId, String traceparent) {
    store.putTraceContext(taskId, traceparent);
  }

  @Override
  public Map<String, String> findTraceContexts(Collection<String> taskIds) {
    return store.findTraceContexts(taskIds);
  }

  @Override
  public void ping() {
    store.ping();
  }

  /** Stops the committer after writing what is pending, then closes the store. */
  @Override
  public void close() {
    stop();
    store.close();
  }

  /**
   * Changes with their caller's result, and job records and marks nobody waits for ({@code marker}:
   * the task whose job applied the marks).
   */
  private record Write(
      List<TaskChange> changes,
      List<JobRecord> jobs,
      List<AppliedConfig> applied,
      String marker,
      CompletableFuture<List<Boolean>> result,
      String traceparent) {
    int rows() {
      return changes.size() + jobs.size() + applied.size();
    }

    void fail(Throwable failure) {
      result.completeExceptionally(failure);
    }
  }
}
