package io.kubemin;

import io.kubemin.error.KubeMinException;
import io.kubemin.internal.app.ApplicationCheck;
import io.kubemin.internal.app.ApplicationService;
import io.kubemin.internal.app.ObjectDeleter;
import io.kubemin.internal.app.Revisions;
import io.kubemin.internal.app.RollbackService;
import io.kubemin.internal.app.TaskService;
import io.kubemin.internal.app.TaskStatusReport;
import io.kubemin.internal.app.VersionService;
import io.kubemin.internal.app.WorkflowService;
import io.kubemin.internal.election.StoreLeaderElection;
import io.kubemin.internal.engine.Engine;
import io.kubemin.internal.engine.EngineParts;
import io.kubemin.internal.engine.EngineSettings;
import io.kubemin.internal.engine.GroupCommitStore;
import io.kubemin.internal.engine.JobExecutors;
import io.kubemin.internal.engine.Lifecycle;
import io.kubemin.internal.engine.Listeners;
import io.kubemin.internal.gc.ClusterPlanner;
import io.kubemin.internal.gc.GarbageFinder;
import io.kubemin.internal.plan.Planner;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.internal.trace.otel.OtelEngineTracing;
import io.kubemin.model.Application;
import io.kubemin.model.VersionUpdate;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.PlanUnavailableException;
import io.kubemin.render.Renderer;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.LeaderElection;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.spi.Role;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatusView;
import io.kubemin.workflow.TaskSuspension;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * KubeMin: delivers applications to Kubernetes through a persistent, distributed workflow engine.
 * Build one with {@link #builder()}, {@link #start()} it, use the operations (they mirror the
 * upstream REST API), and {@link #close()} it.
 *
 * <pre>{@code
 * try (KubeMin kubemin = KubeMin.builder().jobExecutor(executor).build()) {
 *   kubemin.start();
 *   String appId = kubemin.createApplication(app).id();
 *   String taskId = kubemin.exec(appId);
 * }
 * }</pre>
 *
 * <p>Operations need {@link Role#API}; they work before {@link #start()} (tasks created then wait
 * for the dispatcher) and fail with {@link IllegalStateException} after {@link #close()}. Errors
 * are {@link KubeMinException}s carrying an HTTP status and the upstream business code.
 */
public final class KubeMin implements AutoCloseable {
  private final Lifecycle lifecycle;
  private final EngineSettings settings;
  private final LeaderElection election;
  private final ApplicationService applications;
  private final WorkflowService workflows;
  private final TaskService tasks;
  private final TaskStatusReport statusReport;
  private final VersionService versions;
  private final RollbackService rollbacks;
  private final ClusterPlanner clusterPlanner;
  private final boolean hasExecutors;

  KubeMin(KubeMinBuilder builder) {
    boolean ownsStore = builder.dataStore == null;
    boolean ownsQueue = builder.queue == null;
    DataStore store =
        ownsStore
            ? Providers.openDataStore(Objects.requireNonNullElse(builder.dataStoreUri, "memory"))
            : builder.dataStore;
    Queue queue;
    try {
      queue =
          ownsQueue
              ? Providers.openQueue(Objects.requireNonNullElse(builder.queueUri, "memory"))
              : builder.queue;
    } catch (RuntimeException e) {
      if (ownsStore) {
        store.close();
      }
      throw e;
    }
    try {
      this.settings = Configuration.settings(builder);
      JobExecutors executors = new JobExecutors(builder.jobExecutors);
      // A database store gets the engine's writes in batches (group commit); reads go straight.
      // The OpenTelemetry bridge is loaded only here, only when the host asked for tracing.
      EngineTracing tracing =
          builder.tracing == null ? EngineTracing.OFF : OtelEngineTracing.of(builder.tracing);
      DataStore engineStore =
          store.prefersBatches()
              ? new GroupCommitStore(store, settings.instanceId(), tracing)
              : store;
      EngineParts parts =
          new EngineParts(
              engineStore,
              queue,
              executors,
              new Listeners(builder.listeners),
              builder.clock,
              settings,
              tracing);
      Renderer renderer =
          Renderer.builder()
              .traitProcessors(builder.traitProcessors)
              .policies(builder.policies)
              .componentTypes(builder.componentTypes)
              .build();
      ApplicationCheck check = new ApplicationCheck(renderer);
      LeaderElection election = leaderElection(builder, store, settings);
      this.election = election;
      ObjectDeleter deleter = new ObjectDeleter(executors, renderer);
      GarbageFinder garbage =
          new GarbageFinder(
              store,
              renderer,
              executors,
              deleter,
              builder.garbageCollection,
              builder.appGarbageCollection);
      Engine engine = new Engine(parts, new Planner(store, renderer, garbage), election);
      engine.retention(builder.retention, builder.appRetention);
      this.applications = new ApplicationService(parts, check, deleter, new Revisions(store));
      this.workflows = new WorkflowService(parts, applications, check);
      this.tasks = new TaskService(parts, applications, engine);
      engine.onConfigsApplied(applications::configsApplied);
      this.statusReport = new TaskStatusReport(store);
      this.versions = new VersionService(parts, applications, tasks, check, deleter);
      this.rollbacks = new RollbackService(applications, tasks, garbage);
      this.clusterPlanner = new ClusterPlanner(renderer, executors, garbage);
      this.hasExecutors = !executors.isEmpty();
      this.lifecycle = new Lifecycle(parts, engine, builder.extensions, ownsStore, ownsQueue);
      Configuration.log(settings, store, queue, executors, builder, election);
    } catch (RuntimeException | Error e) {
      // What KubeMin opened itself is closed again; the host's store and queue are left alone.
      closeOwned(ownsQueue ? queue : null, ownsStore ? store : null, e);
      throw e;
    }
  }

  private static void closeOwned(Queue queue, DataStore store, Throwable failure) {
    if (queue != null) {
      try {
        queue.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Whether this instance leads now: it dispatches waiting tasks and reaps expired leases. With
   * several instances on a shared store, exactly one of them does at a time (see {@link
   * KubeMinBuilder#leaderElection}); false before {@link #start()} and after {@link #close()}.
   */
  public boolean isLeader() {
    return election.isLeader();
  }

  /** The host's election; else one through a shared store; else this instance always leads. */
  private static LeaderElection leaderElection(
      KubeMinBuilder builder, DataStore store, EngineSettings settings) {
    if (builder.leaderElection != null) {
      return builder.leaderElection;
    }
    if (store.shared()) {
      return new StoreLeaderElection(
          store, settings.instanceId(), builder.leaderLease, builder.clock);
    }
    return LeaderElection.everyInstance();
  }

  /** A builder with every setting at its default. */
  public static KubeMinBuilder builder() {
    return new KubeMinBuilder();
  }

  /**
   * Starts the engine parts of this instance's roles, then the extensions.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    lifecycle.start();
  }

  /**
   * Stops gracefully and within bounds: stops reading the queue, gives running tasks {@code
   * shutdownTimeout} to end and hands the rest back to {@code waiting} for another instance, stops
   * the extensions and the dispatcher, then closes the store and queue if KubeMin opened them
   * (never those the host passed in). Idempotent.
   */
  @Override
  public void close() {
    lifecycle.close();
  }

  /** This instance's id. */
  public String instanceId() {
    return settings.instanceId();
  }

  /**
   * Creates an application, or replaces the one whose id it carries: components that refer to a
   * template ({@code template: {id, target}}) are replaced by clones of the template application's
   * components, then the whole is validated (nothing is written when invalid); components keep
   * their stored ids by name; objects of components dropped by a replace are deleted from the
   * cluster. Without a workflow, one step per component.
   *
   * @throws io.kubemin.error.KubeMinException 400 when invalid; {@link
   *     ApplicationNotFoundException} when replacing an unknown id; a {@link TemplateException}
   *     when a template reference cannot be instantiated
   */
  public ApplicationInfo createApplication(Application app) {
    api();
    return applications.createOrReplace(Objects.requireNonNull(app, "app"));
  }

  /**
   * The application.
   *
   * @throws ApplicationNotFoundException when unknown
   */
  public ApplicationInfo application(String appId) {
    api();
    return applications.get(appId);
  }

  /** Every application, most recently updated first. */
  public List<ApplicationInfo> applications() {
    api();
    return applications.list();
  }

  /**
   * One page of {@link #applications()}, read from the store as a page.
   *
   * @param offset applications to skip, 0 or more
   * @param limit most applications to return, 1 or more
   * @throws IllegalArgumentException when the offset is negative or the limit below 1
   */
  public List<ApplicationInfo> applications(int offset, int limit) {
    api();
    return applications.page(offset, limit);
  }

  /** How many applications there are. */
  public int countApplications() {
    api();
    return applications.count();
  }

  /**
   * The applications that can serve as templates ({@code tmp_enable}), most recently updated first
   * (the upstream's {@code GET /applications/templates}).
   */
  public List<ApplicationInfo> listTemplates() {
    api();
    return applications.templates();
  }

  /**
   * Deletes the application's cluster objects and then, when every one is gone, its rows
   * (components, workflows, tasks, job records).
   *
   * @return what was deleted and what could not be (then the rows stay, to try again)
   * @throws TaskConflictException while a task of the application is active
   * @throws ApplicationNotFoundException when unknown
   */
  public DeletionResult deleteApplication(String appId) {
    api();
    return applications.delete(appId);
  }

  /**
   * Deletes the application's cluster objects; its rows stay (the upstream's {@code DELETE
   * .../resources}).
   *
   * @throws ApplicationNotFoundException when unknown
   */
  public DeletionResult deleteResources(String appId) {
    api();
    return applications.deleteResources(appId);
  }

  /**
   * The components with their live status ({@code status}, {@code readyReplicas}).
   *
   * @throws ApplicationNotFoundException when unknown
   */
  public List<ComponentRecord> components(String appId) {
    api();
    return applications.components(appId);
  }

  /**
   * The workflows, the default one first.
   *
   * @throws ApplicationNotFoundException when unknown
   */
  public List<WorkflowRecord> workflows(String appId) {
    api();
    return applications.workflows(appId);
  }

  /**
   * Writes steps into a workflow: the one with the request's id, else the one with its name
   * (created when missing), else the default one. The steps are validated against the components.
   *
   * @return the workflow's id
   * @throws WorkflowNotFoundException when the id is unknown or of another application
   * @throws EmptyWorkflowException when there are no steps
   */
  public String putWorkflow(String appId, WorkflowRequest request) {
    api();
    return workflows.put(appId, Objects.requireNonNull(request, "request"));
  }

  /**
   * Runs the application's default workflow.
   *
   * @return the new task's id
   * @throws TaskConflictException when the application already has an active task
   */
  public String exec(String appId) {
    return exec(appId, ExecOptions.defaults());
  }

  /**
   * Runs a workflow of the application: the task is created {@code waiting} and, on an instance
   * that dispatches, offered to the workers at once.
   *
   * @return the new task's id
   * @throws TaskConflictException when the application already has {@code maxActiveTasksPerApp}
   *     active tasks and the options do not queue behind them
   * @throws WorkflowNotFoundException when the workflow is unknown or of another application
   * @throws EmptyWorkflowException when the workflow has no steps
   */
  public String exec(String appId, ExecOptions options) {
    api();
    return tasks.exec(appId, Objects.requireNonNull(options, "options"));
  }

  /**
   * Cancels a task (durably): a waiting, queued or suspended task ends {@code cancelled} at once
   * and never starts (again); a running one stops its jobs within a second on this instance, within
   * one heartbeat on another. An ended task is left as it is.
   *
   * @param user who cancels (default {@code system})
   * @param reason why (default {@code cancelled by <user>})
   * @return the task after the request ({@code running} until its jobs have stopped)
   * @throws TaskNotFoundException when unknown or of another application
   */
  public Task cancel(String appId, String taskId, String user, String reason) {
    api();
    return tasks.cancel(appId, taskId, user, reason);
  }

  /**
   * Resumes a task that waits at a {@code suspend} step (an approval gate): it goes back to {@code
   * waiting} with the next attempt and goes on after that step on whichever instance takes it (the
   * steps completed before the gate do not run again). Two resumes at once are safe: one wins, the
   * other gets {@link TaskNotSuspendedException}. Listeners are told ({@code taskResumed}).
   *
   * @param user who resumes, recorded with the suspension (default {@code system})
   * @return the task as written ({@code waiting})
   * @throws TaskNotFoundException when unknown
   * @throws TaskNotSuspendedException when the task is not suspended; it carries the status
   */
  public Task resume(String taskId, String user) {
    api();
    return tasks.resume(Objects.requireNonNull(taskId, "taskId"), user);
  }

  /**
   * The task's stops at {@code suspend} steps, oldest first: step, message, deadline, the steps
   * done before it, who resumed it and when. Empty for a task that reached none (or a store that
   * cannot suspend tasks).
   *
   * @throws TaskNotFoundException when unknown
   */
  public List<TaskSuspension> suspensions(String taskId) {
    api();
    return tasks.suspensions(taskId);
  }

  /**
   * The task with its per-component status, in workflow order.
   *
   * @throws TaskNotFoundException when unknown
   */
  public TaskStatusView taskStatus(String taskId) {
    api();
    return statusReport.of(taskId);
  }

  /**
   * The task as stored.
   *
   * @throws TaskNotFoundException when unknown
   */
  public Task task(String taskId) {
    api();
    return tasks.find(taskId);
  }

  /**
   * Waits until the task has ended (wherever it runs) or the timeout has passed.
   *
   * <p>The facade's only blocking call, and so the only one that throws the checked {@link
   * InterruptedException}: like {@code Future.get}, it lets a host thread that is interrupted while
   * waiting find out, instead of swallowing the interrupt. Every other operation returns at once
   * and throws only unchecked {@code KubeMinException}s.
   *
   * @return the task then: ended, or as it is at the timeout
   * @throws TaskNotFoundException when unknown
   * @throws InterruptedException when the calling thread is interrupted
   */
  public Task awaitTask(String taskId, Duration timeout) throws InterruptedException {
    api();
    return tasks.await(taskId, Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * The job records of the task: one per job and try, in the order they ended.
   *
   * @throws TaskNotFoundException when unknown
   */
  public List<JobRecord> jobs(String taskId) {
    api();
    return tasks.jobs(taskId);
  }

  /**
   * The tasks of the application, newest first.
   *
   * @throws ApplicationNotFoundException when unknown
   */
  public List<Task> tasks(String appId) {
    api();
    return tasks.tasks(appId);
  }

  /**
   * Updates the version and components of an application in one transaction (inventory §5.11,
   * without B24): removed components' objects are deleted and they leave every workflow, added ones
   * get a step in the default workflow, and unless {@code auto_exec} is false a task rolls the
   * change out (queued behind an active task).
   *
   * @throws InvalidVersionUpdateException when the request is malformed
   * @throws ComponentNotFoundException when a change names a missing component
   */
  public VersionUpdateResult updateVersion(String appId, VersionUpdate update) {
    api();
    return versions.update(appId, Objects.requireNonNull(update, "update"));
  }

  /**
   * The revisions of an application, oldest (number 1) first. Every create, replace, version update
   * and rollback that changes the components, traits, default workflow or version string adds one;
   * an application created before revisions existed has none until its next change.
   *
   * @throws ApplicationNotFoundException when unknown
   * @throws UnsupportedOperationException when the store keeps no revisions
   */
  public List<RevisionRecord> revisions(String appId) {
    api();
    return applications.revisions().list(appId);
  }

  /**
   * One revision of an application.
   *
   * @throws RevisionNotFoundException when it has no revision with this number
   * @throws ApplicationNotFoundException when unknown
   */
  public RevisionRecord revision(String appId, int number) {
    api();
    return applications.revisions().get(appId, number);
  }

  /**
   * What changed from revision {@code from} to revision {@code to}: components, their trait kinds
   * and workflow steps, by name.
   *
   * @throws RevisionNotFoundException when either does not exist
   */
  public RevisionDiff compareRevisions(String appId, int from, int to) {
    api();
    return applications.revisions().compare(appId, from, to);
  }

  /**
   * The revision of its application that a task deployed (the newest one when the task was
   * created); empty for a task of an application without revisions.
   */
  public Optional<Integer> taskRevision(String taskId) {
    api();
    return applications.revisions().ofTask(Objects.requireNonNull(taskId, "taskId"));
  }

  /**
   * Rolls an application back to a revision, recorded as the system user; see {@link
   * #rollback(String, int, String)}.
   */
  public RollbackResult rollback(String appId, int revision) {
    return rollback(appId, revision, null);
  }

  /**
   * Makes a revision's definition (components with their traits, default workflow, version string)
   * current again, as a new revision "rolled back from N to M" (none when it is already current),
   * deletes the cluster objects the current definition renders and the revision does not (dropped
   * components, removed traits), and starts a task that deploys it, queued behind an active task.
   * Revisions are self-contained: a rollback works after the template a component was cloned from
   * is gone.
   *
   * @param user who asks (recorded on the new revision); null or blank for {@code system}
   * @throws RevisionNotFoundException when the application has no such revision
   * @throws ApplicationNotFoundException when unknown
   */
  public RollbackResult rollback(String appId, int revision, String user) {
    api();
    return rollbacks.rollback(Objects.requireNonNull(appId, "appId"), revision, user);
  }

  /**
   * Validates and renders an application without writing or applying anything (the upstream's
   * {@code POST /applications/try}, plus the manifests). Template references are instantiated
   * first, as {@link #createApplication} does (the upstream's try skipped them, B29). Works on any
   * instance, started or not.
   *
   * @throws TemplateException when a template reference cannot be instantiated
   */
  public DryRunResult dryRun(Application app) {
    lifecycle.checkOpen();
    return applications.dryRun(Objects.requireNonNull(app, "app"));
  }

  /**
   * What deploying the stored application would do on the cluster now, object by object: create,
   * update (with the fields, from server-side apply's dry run where the server has it, else a
   * client-side comparison), unchanged, and the garbage a deploy would delete. Secret data is never
   * shown. Nothing is written.
   *
   * @throws ApplicationNotFoundException when unknown
   * @throws io.kubemin.plan.PlanUnavailableException when this instance has no {@link
   *     io.kubemin.spi.JobExecutor} (no cluster to compare with)
   */
  public ApplicationPlan plan(String appId) {
    api();
    return plan(applications.load(appId), true);
  }

  /**
   * What creating (or, with an id, replacing) the application and deploying it would do on the
   * cluster; nothing is written. A new application has no objects yet: everything it renders is
   * created, under an id it does not keep.
   *
   * @throws io.kubemin.validation.ValidationException when the application is invalid
   * @throws ApplicationNotFoundException when it carries an unknown id
   * @throws io.kubemin.plan.PlanUnavailableException when this instance has no {@link
   *     io.kubemin.spi.JobExecutor}
   */
  public ApplicationPlan plan(Application app) {
    api();
    Objects.requireNonNull(app, "app");
    boolean replace = app.id() != null && !app.id().isBlank();
    return plan(applications.unsaved(app), replace);
  }

  private ApplicationPlan plan(StoredApplication app, boolean stored) {
    if (!hasExecutors) {
      throw new PlanUnavailableException();
    }
    try {
      return clusterPlanner.plan(app, stored);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeMinException("interrupted while reading the cluster for a plan", e);
    }
  }

  /** For tests in this package: stops this instance as if its process died. */
  void crashForTesting() {
    lifecycle.crash();
  }

  private void api() {
    lifecycle.checkOpen();
    if (!settings.runs(Role.API)) {
      throw new IllegalStateException("this instance was built without Role.API");
    }
  }
}
