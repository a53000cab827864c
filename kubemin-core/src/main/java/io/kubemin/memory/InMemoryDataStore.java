package io.kubemin.memory;

import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link DataStore} in the heap of this JVM: for local mode, tests and demos. Nothing survives
 * the process. One lock guards all state; a transaction holds it and, when its work throws, undoes
 * the writes it made (an undo log: a transaction costs what it writes, not the size of the store).
 */
public final class InMemoryDataStore implements DataStore {
  /** Newest first; ties keep insertion order (the sort is stable), in lists and pages alike. */
  private static final Comparator<ApplicationRecord> NEWEST_FIRST =
      Comparator.comparing(ApplicationRecord::updatedAt).reversed();

  private static final Comparator<ComponentRecord> BY_ORDINAL =
      Comparator.comparingInt(ComponentRecord::ordinal);
  private static final Comparator<WorkflowRecord> BY_CREATION =
      Comparator.comparing(WorkflowRecord::createdAt);

  /** The statuses of active tasks, in the order their sets are read. */
  private static final List<TaskStatus> ACTIVE =
      List.of(TaskStatus.WAITING, TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUSPENDED);

  private final ReentrantLock lock = new ReentrantLock();
  private final State state = new State();
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean inTransaction;

  @Override
  public <T> T inTransaction(Function<DataStore, T> work) {
    lock.lock();
    try {
      if (inTransaction) {
        return work.apply(this);
      }
      inTransaction = true;
      try {
        return work.apply(this);
      } catch (RuntimeException | Error e) {
        while (!undo.isEmpty()) {
          undo.pop().run();
        }
        throw e;
      } finally {
        undo.clear();
        inTransaction = false;
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T locked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void lockedRun(Runnable action) {
    locked(
        () -> {
          action.run();
          return null;
        });
  }

  @Override
  public void putApplication(ApplicationRecord application) {
    lockedRun(() -> put(state.applications, application.id(), application));
  }

  @Override
  public Optional<ApplicationRecord> findApplication(String id) {
    return locked(() -> Optional.ofNullable(state.applications.get(id)));
  }

  @Override
  public List<ApplicationRecord> listApplications() {
    return locked(() -> state.applications.values().stream().sorted(NEWEST_FIRST).toList());
  }

  @Override
  public List<ApplicationRecord> listApplications(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be 0 or more and limit 1 or more, got " + offset + " and " + limit);
    }
    return locked(
        () ->
            state.applications.values().stream()
                .sorted(NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .toList());
  }

  @Override
  public int countApplications() {
    return locked(() -> state.applications.size());
  }

  @Override
  public boolean deleteApplication(String id) {
    return locked(
        () -> {
          boolean existed = remove(state.applications, id) != null;
          state.components.values().stream()
              .filter(c -> c.appId().equals(id))
              .map(ComponentRecord::id)
              .toList()
              .forEach(c -> remove(state.components, c));
          state.workflows.values().stream()
              .filter(w -> w.appId().equals(id))
              .map(WorkflowRecord::id)
              .toList()
              .forEach(w -> remove(state.workflows, w));
          for (String taskId : List.copyOf(state.tasksByApp.getOrDefault(id, Set.of()))) {
            forgetTask(taskId);
          }
          remove(state.tasksByApp, id);
          remove(state.activeByApp, id);
          remove(state.revisions, id);
          return existed;
        });
  }

  @Override
  public void putComponent(ComponentRecord component) {
    lockedRun(() -> put(state.components, component.id(), component));
  }

  @Override
  public boolean deleteComponent(String id) {
    return locked(() -> remove(state.components, id) != null);
  }

  @Override
  public List<ComponentRecord> listComponents(String appId) {
    return locked(() -> componentsOf(appId));
  }

  /** Reads the components of several applications under one lock, not one per application. */
  @Override
  public List<ComponentRecord> listComponents(Collection<String> appIds) {
    return locked(
        () -> {
          List<ComponentRecord> found = new ArrayList<>();
          for (String appId : appIds) {
            found.addAll(componentsOf(appId));
          }
          return found;
        });
  }

  // Loops rather than streams: this runs for every task the engine plans.
  private List<ComponentRecord> componentsOf(String appId) {
    List<ComponentRecord> found = new ArrayList<>();
    for (ComponentRecord component : state.components.values()) {
      if (component.appId().equals(appId)) {
        found.add(component);
      }
    }
    found.sort(BY_ORDINAL);
    return Collections.unmodifiableList(found);
  }

  /**
   * {@inheritDoc} Under one lock, without listing the components: every config job of every task
   * asks.
   */
  @Override
  public boolean markConfigApplied(String appId, String componentName, Instant now) {
    return locked(
        () -> {
          // The first match by ordinal, as the default finds it; ties keep insertion order.
          ComponentRecord first = null;
          for (ComponentRecord component : state.components.values()) {
            String type = component.spec().type();
            if (component.appId().equals(appId)
                && component.name().equals(componentName)
                && ("config".equals(type) || "secret".equals(type))
                && component.status() != ComponentStatus.RUNNING
                && (first == null || component.ordinal() < first.ordinal())) {
              first = component;
            }
          }
          if (first == null) {
            return false;
          }
          put(state.components, first.id(), first.withStatus(ComponentStatus.RUNNING, 0, now));
          return true;
        });
  }

  @Override
  public boolean updateComponentStatus(
      String componentId, ComponentStatus status, int readyReplicas, Instant now) {
    return locked(
        () -> {
          ComponentRecord current = state.components.get(componentId);
          if (current == null) {
            return false;
          }
          put(state.components, componentId, current.withStatus(status, readyReplicas, now));
          return true;
        });
  }

  @Override
  public void putWorkflow(WorkflowRecord workflow) {
    lockedRun(() -> put(state.workflows, workflow.id(), workflow));
  }

  @Override
  public Optional<WorkflowRecord> findWorkflow(String id) {
    return locked(() -> Optional.ofNullable(state.workflows.get(id)));
  }

  @Override
  public List<WorkflowRecord> listWorkflows(String appId) {
    return locked(
        () -> {
          List<WorkflowRecord> found = new ArrayList<>();
          for (WorkflowRecord workflow : state.workflows.values()) {
            if (workflow.appId().equals(appId)) {
              found.add(workflow);
            }
          }
          found.sort(BY_CREATION);
          return Collections.unmodifiableList(found);
        });
  }

  @Override
  public boolean insertTask(Task task, int maxActivePerApp) {
    return locked(
        () -> {
          if (state.tasks.containsKey(task.id())) {
            throw new IllegalArgumentException("task " + task.id() + " already exists");
          }
          if (maxActivePerApp > 0) {
            if (countActiveTasks(task.appId()) >= maxActivePerApp) {
              return false;
            }
          }
          put(state.tasks, task.id(), task);
          index(task.status(), task);
          Set<String> ofApp = state.tasksByApp.get(task.appId());
          if (ofApp == null) {
            ofApp = new HashSet<>();
            put(state.tasksByApp, task.appId(), ofApp);
          }
          add(ofApp, task.id());
          return true;
        });
  }

  @Override
  public Optional<Task> findTask(String id) {
    return locked(() -> Optional.ofNullable(state.tasks.get(id)));
  }

  /** Reads them under one lock, not one per task. */
  @Override
  public List<Task> findTasks(Collection<String> ids) {
    return locked(() -> found(state.tasks, ids));
  }

  /** Reads them under one lock, not one per application. */
  @Override
  public List<ApplicationRecord> findApplications(Collection<String> ids) {
    return locked(() -> found(state.applications, ids));
  }

  /** Reads them under one lock, not one per workflow. */
  @Override
  public List<WorkflowRecord> findWorkflows(Collection<String> ids) {
    return locked(() -> found(state.workflows, ids));
  }

  private static <V> List<V> found(Map<String, V> map, Collection<String> ids) {
    List<V> found = new ArrayList<>(ids.size());
    for (String id : ids) {
      V value = map.get(id);
      if (value != null) {
        found.add(value);
      }
    }
    return found;
  }

  @Override
  public List<Task> listTasks(String appId) {
    return locked(
        () ->
            state.tasksByApp.getOrDefault(appId, Set.of()).stream()
                .map(state.tasks::get)
                .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed())
                .toList());
  }

  @Override
  public List<Task> listActiveTasks(String appId) {
    return locked(
        () ->
            activeTasks(appId)
                .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id))
                .toList());
  }

  /** How many tasks of the app are active: every exec asks, so it is counted as tasks change. */
  private int countActiveTasks(String appId) {
    int[] count = state.activeByApp.get(appId);
    return count == null ? 0 : count[0];
  }

  /**
   * The app's active tasks, from the (small) sets of active tasks rather than its whole history.
   */
  private java.util.stream.Stream<Task> activeTasks(String appId) {
    return ACTIVE.stream()
        .flatMap(status -> state.byStatus.get(status).stream())
        .map(state.tasks::get)
        .filter(t -> t.appId().equals(appId));
  }

  /**
   * {@inheritDoc} Active statuses are read from their sets; a final status looks at every task, as
   * no set is kept for them (they would hold the whole history).
   */
  @Override
  public List<Task> listTasksByStatus(TaskStatus status, int limit) {
    return locked(
        () ->
            (status.active()
                    ? state.byStatus.get(status).stream().map(state.tasks::get)
                    : state.tasks.values().stream().filter(t -> t.status() == status))
                .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id))
                .limit(limit)
                .toList());
  }

  /** {@inheritDoc} Looks at every waiting task, under the store's lock. */
  @Override
  public List<Task> claimWaiting(int limit, int maxActivePerApp, Instant now) {
    return locked(
        () -> {
          Map<String, Integer> started = new HashMap<>();
          // A suspended task holds its application's place: it goes on after its resume.
          for (TaskStatus status :
              List.of(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUSPENDED)) {
            for (String id : state.byStatus.get(status)) {
              started.merge(state.tasks.get(id).appId(), 1, Integer::sum);
            }
          }
          List<Task> waiting =
              state.byStatus.get(TaskStatus.WAITING).stream()
                  .map(state.tasks::get)
                  .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id))
                  .toList();
          List<Task> claimed = new ArrayList<>();
          for (Task task : waiting) {
            if (claimed.size() >= limit) {
              break;
            }
            if (maxActivePerApp > 0 && started.getOrDefault(task.appId(), 0) >= maxActivePerApp) {
              continue;
            }
            Task queued = task.withStatus(TaskStatus.QUEUED, now);
            if (compareAndSet(task.id(), TaskStatus.WAITING, task.attempt(), queued)) {
              started.merge(task.appId(), 1, Integer::sum);
              claimed.add(queued);
            }
          }
          return claimed;
        });
  }

  @Override
  public List<Task> listExpiredLeases(Instant now, int limit) {
    return locked(
        () ->
            state.byStatus.get(TaskStatus.RUNNING).stream()
                .map(state.tasks::get)
                .filter(t -> t.leaseUntil() == null || t.leaseUntil().isBefore(now))
                .sorted(
                    Comparator.comparing(
                        Task::leaseUntil, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(limit)
                .toList());
  }

  @Override
  public boolean compareAndSet(
      String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next) {
    return locked(
        () -> {
          Task current = state.tasks.get(taskId);
          if (current == null
              || current.status() != expectedStatus
              || current.attempt() != expectedAttempt) {
            return false;
          }
          Task written =
              new Task(
                  current.id(),
                  current.appId(),
                  current.workflowId(),
                  current.workflowName(),
                  next.status(),
                  next.attempt(),
                  next.owner(),
                  next.leaseUntil(),
                  next.deadline(),
                  next.error(),
                  current.createdAt(),
                  next.updatedAt(),
                  next.startedAt(),
                  next.finishedAt(),
                  current.cancelRequested(),
                  current.cancelledBy(),
                  current.cancelReason());
          put(state.tasks, taskId, written);
          if (current.status() != written.status()) {
            unindex(current.status(), current);
            index(written.status(), written);
          }
          return true;
        });
  }

  @Override
  public boolean requestCancel(String taskId, String by, String reason, Instant now) {
    return locked(
        () -> {
          Task current = state.tasks.get(taskId);
          if (current == null || current.status().terminal()) {
            return false;
          }
          put(state.tasks, taskId, current.withCancelRequest(by, reason));
          return true;
        });
  }

  @Override
  public void insertJob(JobRecord job) {
    lockedRun(
        () -> {
          List<JobRecord> existing = state.jobs.get(job.taskId());
          if (existing == null) {
            existing = new ArrayList<>(1);
            put(state.jobs, job.taskId(), existing);
          }
          List<JobRecord> jobs = existing;
          jobs.add(job);
          if (inTransaction) {
            undo.push(() -> jobs.remove(jobs.size() - 1));
          }
        });
  }

  @Override
  public List<JobRecord> listJobs(String taskId) {
    return locked(() -> List.copyOf(state.jobs.getOrDefault(taskId, List.of())));
  }

  @Override
  public int purgeEndedTasks(String appId, int keepLast, Instant endedBefore, int limit) {
    return locked(
        () -> {
          Predicate<Task> tooOld =
              t ->
                  endedBefore != null
                      && t.finishedAt() != null
                      && t.finishedAt().isBefore(endedBefore);
          List<Task> ended =
              state.tasksByApp.getOrDefault(appId, Set.of()).stream()
                  .map(state.tasks::get)
                  .filter(t -> t.status().terminal())
                  .toList();
          if (ended.size() <= keepLast && ended.stream().noneMatch(tooOld)) {
            // Nothing to purge, the usual case on every pass: no sort under the store's lock.
            return 0;
          }
          List<Task> newestFirst =
              ended.stream()
                  .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed())
                  .toList();
          List<String> purged = new ArrayList<>();
          for (int i = 0; i < newestFirst.size() && purged.size() < limit; i++) {
            Task task = newestFirst.get(i);
            if (i >= keepLast || tooOld.test(task)) {
              purged.add(task.id());
            }
          }
          purged.forEach(this::forgetTask);
          return purged.size();
        });
  }

  /** Removes a task with its job records from every index. */
  private void forgetTask(String taskId) {
    Task task = remove(state.tasks, taskId);
    if (task == null) {
      return;
    }
    unindex(task.status(), task);
    Set<String> ofApp = state.tasksByApp.get(task.appId());
    if (ofApp != null) {
      delete(ofApp, taskId);
    }
    remove(state.jobs, taskId);
    remove(state.taskRevisions, taskId);
    remove(state.suspensions, taskId);
    remove(state.traceContexts, taskId);
  }

  @Override
  public void putTraceContext(String taskId, String traceparent) {
    requireTraceContext(traceparent);
    locked(
        () -> {
          if (state.tasks.containsKey(taskId)) {
            put(state.traceContexts, taskId, traceparent);
          }
          return null;
        });
  }

  @Override
  public Map<String, String> findTraceContexts(Collection<String> taskIds) {
    return locked(
        () -> {
          Map<String, String> found = new HashMap<>();
          for (String id : taskIds) {
            String context = state.traceContexts.get(id);
            if (context != null) {
              found.put(id, context);
            }
          }
          return found;
        });
  }

  /** The rule MySQL's column enforces, checked here too so both stores refuse the same. */
  private static void requireTraceContext(String traceparent) {
    if (traceparent != null && traceparent.length() > 64) {
      throw new IllegalArgumentException(
          "traceparent must be at most 64 characters, got " + traceparent.length());
    }
  }

  @Override
  public void insertRevision(RevisionRecord revision) {
    lockedRun(
        () -> {
          List<RevisionRecord> old = state.revisions.getOrDefault(revision.appId(), List.of());
          if (old.stream().anyMatch(r -> r.number() == revision.number())) {
            throw new IllegalArgumentException(
                "revision " + revision.number() + " of " + revision.appId() + " already exists");
          }
          List<RevisionRecord> next = new ArrayList<>(old);
          next.add(revision);
          next.sort(Comparator.comparingInt(RevisionRecord::number));
          put(state.revisions, revision.appId(), List.copyOf(next));
        });
  }

  @Override
  public List<RevisionRecord> listRevisions(String appId) {
    return locked(() -> state.revisions.getOrDefault(appId, List.of()));
  }

  @Override
  public void recordTaskRevision(String taskId, String appId) {
    lockedRun(
        () -> {
          List<RevisionRecord> all = state.revisions.getOrDefault(appId, List.of());
          if (!all.isEmpty()) {
            put(state.taskRevisions, taskId, all.get(all.size() - 1).number());
          }
        });
  }

  @Override
  public Optional<Integer> findTaskRevision(String taskId) {
    return locked(() -> Optional.ofNullable(state.taskRevisions.get(taskId)));
  }

  @Override
  public void putSuspension(TaskSuspension suspension) {
    lockedRun(
        () -> {
          List<TaskSuspension> next =
              new ArrayList<>(state.suspensions.getOrDefault(suspension.taskId(), List.of()));
          next.removeIf(s -> s.step().equals(suspension.step()));
          next.add(suspension);
          next.sort(Comparator.comparing(TaskSuspension::suspendedAt));
          put(state.suspensions, suspension.taskId(), List.copyOf(next));
        });
  }

  @Override
  public List<TaskSuspension> listSuspensions(String taskId) {
    return locked(() -> state.suspensions.getOrDefault(taskId, List.of()));
  }

  @Override
  public boolean resumeSuspension(String taskId, String step, String by, Instant at) {
    return locked(
        () -> {
          List<TaskSuspension> next =
              new ArrayList<>(state.suspensions.getOrDefault(taskId, List.of()));
          for (int i = 0; i < next.size(); i++) {
            TaskSuspension suspension = next.get(i);
            if (suspension.step().equals(step) && !suspension.resumed()) {
              next.set(i, suspension.withResume(by, at));
              put(state.suspensions, taskId, List.copyOf(next));
              return true;
            }
          }
          return false;
        });
  }

  // The writes below note their inverse while a transaction runs.

  private <K, V> void put(Map<K, V> map, K key, V value) {
    V old = map.put(key, value);
    if (inTransaction) {
      undo.push(() -> restore(map, key, old));
    }
  }

  private <K, V> V remove(Map<K, V> map, K key) {
    V old = map.remove(key);
    if (inTransaction && old != null) {
      undo.push(() -> map.put(key, old));
    }
    return old;
  }

  private static <K, V> void restore(Map<K, V> map, K key, V old) {
    if (old == null) {
      map.remove(key);
    } else {
      map.put(key, old);
    }
  }

  /** Notes an active task in its status's set and its application's count; ended ones in none. */
  private void index(TaskStatus status, Task task) {
    if (status.active()) {
      add(state.byStatus.get(status), task.id());
      countActive(task.appId(), 1);
    }
  }

  private void unindex(TaskStatus status, Task task) {
    if (status.active()) {
      delete(state.byStatus.get(status), task.id());
      countActive(task.appId(), -1);
    }
  }

  private void countActive(String appId, int change) {
    int[] count = state.activeByApp.computeIfAbsent(appId, id -> new int[1]);
    count[0] += change;
    if (inTransaction) {
      undo.push(() -> count[0] -= change);
    }
  }

  private void add(Set<String> set, String value) {
    if (set.add(value) && inTransaction) {
      undo.push(() -> set.remove(value));
    }
  }

  private void delete(Set<String> set, String value) {
    if (set.remove(value) && inTransaction) {
      undo.push(() -> set.add(value));
    }
  }

  @Override
  public void ping() {
    // Always reachable: it is this JVM's heap.
  }

  @Override
  public void close() {
    // Nothing to release; the data goes with the instance.
  }

  /** All data. */
  private static final class State {
    final Map<String, ApplicationRecord> applications = new LinkedHashMap<>();
    final Map<String, ComponentRecord> components = new LinkedHashMap<>();
    final Map<String, WorkflowRecord> workflows = new LinkedHashMap<>();
    final Map<String, Task> tasks = new HashMap<>();
    // Only active statuses: a set of every ended task would grow with the whole history, and each
    // task's end would pay for an insert into it.
    final Map<TaskStatus, Set<String>> byStatus = new EnumMap<>(TaskStatus.class);
    // Active tasks by application, kept with the status sets (the per-application limit).
    final Map<String, int[]> activeByApp = new HashMap<>();
    // Unordered: every reader sorts what it reads.
    final Map<String, Set<String>> tasksByApp = new HashMap<>();
    final Map<String, List<JobRecord>> jobs = new HashMap<>();
    final Map<String, List<RevisionRecord>> revisions = new HashMap<>();
    final Map<String, Integer> taskRevisions = new HashMap<>();
    final Map<String, List<TaskSuspension>> suspensions = new HashMap<>();
    final Map<String, String> traceContexts = new HashMap<>();

    State() {
      for (TaskStatus status : TaskStatus.values()) {
        if (status.active()) {
          byStatus.put(status, new LinkedHashSet<>());
        }
      }
    }
  }
}
