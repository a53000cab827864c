package io.kubemin;

import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A store that delegates everything, logs each task compare-and-set with its result and notes
 * close.
 */
final class CasLog implements DataStore {
  record Attempt(String taskId, TaskStatus expected, int expectedAttempt, Task next, boolean won) {}

  private final DataStore store;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  CasLog(DataStore store) {
    this.store = store;
  }

  boolean closed() {
    return closed;
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public boolean compareAndSet(
      String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next) {
    boolean won = store.compareAndSet(taskId, expectedStatus, expectedAttempt, next);
    attempts.add(new Attempt(taskId, expectedStatus, expectedAttempt, next, won));
    return won;
  }

  @Override
  public <T> T inTransaction(Function<DataStore, T> work) {
    return store.inTransaction(tx -> work.apply(this));
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

  @Override
  public List<WorkflowRecord> listWorkflows(String appId) {
    return store.listWorkflows(appId);
  }

  @Override
  public boolean insertTask(Task task, int maxActivePerApp) {
    return store.insertTask(task, maxActivePerApp);
  }

  @Override
  public Optional<Task> findTask(String id) {
    return store.findTask(id);
  }

  @Override
  public void putTraceContext(String taskId, String traceparent) {
    store.putTraceContext(taskId, traceparent);
  }

  @Override
  public java.util.Map<String, String> findTraceContexts(java.util.Collection<String> taskIds) {
    return store.findTraceContexts(taskIds);
  }

  @Override
  public List<Task> listTasks(String appId) {
    return store.listTasks(appId);
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
  public boolean requestCancel(String taskId, String by, String reason, Instant now) {
    return store.requestCancel(taskId, by, reason, now);
  }

  @Override
  public void insertJob(JobRecord job) {
    store.insertJob(job);
  }

  @Override
  public List<JobRecord> listJobs(String taskId) {
    return store.listJobs(taskId);
  }

  @Override
  public void putSuspension(io.kubemin.workflow.TaskSuspension suspension) {
    store.putSuspension(suspension);
  }

  @Override
  public List<io.kubemin.workflow.TaskSuspension> listSuspensions(String taskId) {
    return store.listSuspensions(taskId);
  }

  @Override
  public boolean resumeSuspension(String taskId, String step, String by, Instant at) {
    return store.resumeSuspension(taskId, step, by, at);
  }

  @Override
  public List<Task> listSuspendedToEnd(Instant now, int limit) {
    return store.listSuspendedToEnd(now, limit);
  }

  @Override
  public void ping() {
    store.ping();
  }

  @Override
  public void close() {
    closed = true;
    store.close();
  }
}
