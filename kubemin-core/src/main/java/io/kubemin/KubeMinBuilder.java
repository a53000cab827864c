package io.kubemin;

import io.kubemin.internal.engine.EngineSettings;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.KubeMinExtension;
import io.kubemin.spi.LeaderElection;
import io.kubemin.spi.Queue;
import io.kubemin.spi.Role;
import io.kubemin.trait.Policy;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.workflow.GarbageCollection;
import io.kubemin.workflow.Retention;
import io.kubemin.workflow.WorkflowListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link KubeMin}. Every setting has a default ({@code DEFAULT_*}); setters check
 * their argument and throw {@link IllegalArgumentException} naming the limit.
 *
 * <p>Store and queue: an instance passed in wins and stays the host's (KubeMin never closes it);
 * otherwise the URI's provider opens one ({@code dataStoreUri("jdbc:…")}, {@code
 * queueUri("redis://…")}), else the in-memory one, and KubeMin closes what it opened.
 */
public final class KubeMinBuilder {
  /** Queue consumer threads per instance. */
  public static final int DEFAULT_WORKER_THREADS = 1;

  /** Tasks running at once per instance. */
  public static final int DEFAULT_MAX_CONCURRENT_TASKS = 10;

  /** Active (waiting, queued, running or suspended) tasks per application. */
  public static final int DEFAULT_MAX_ACTIVE_TASKS_PER_APP = 1;

  /** Deadline of one job (apply and wait until ready). */
  public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(5);

  /** Deadline of a task from its first start. */
  public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);

  /** How long the leader's claim on a shared store's lease row lasts without renewal. */
  public static final Duration DEFAULT_LEADER_LEASE = Duration.ofSeconds(15);

  /** Shortest leader lease. */
  public static final Duration MIN_LEADER_LEASE = Duration.ofMillis(300);

  /** How long a worker's claim on a running task lasts without a heartbeat. */
  public static final Duration DEFAULT_TASK_LEASE = Duration.ofSeconds(30);

  /** How often the leader looks for waiting tasks it was not told of. */
  public static final Duration DEFAULT_DISPATCH_POLL_INTERVAL = Duration.ofSeconds(3);

  /** After how long a message left unacknowledged by a consumer is taken over by another. */
  public static final Duration DEFAULT_CLAIM_IDLE = Duration.ofSeconds(60);

  /** How often a worker looks for such messages, at most (half of {@code claimIdle} if smaller). */
  public static final Duration DEFAULT_CLAIM_INTERVAL = EngineSettings.CLAIM_INTERVAL;

  /** Deliveries after which a message goes to the dead-letter destination. */
  public static final int DEFAULT_MAX_DELIVERIES = 5;

  /**
   * How long a task read from the queue runs before its start is written, where the store prefers
   * batches.
   */
  public static final Duration DEFAULT_START_WRITE_DELAY = Duration.ofMillis(200);

  /** How long {@link KubeMin#close()} waits for running tasks before handing them back. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** Most consumer threads per instance. */
  public static final int MAX_WORKER_THREADS = 64;

  /** Most tasks running at once per instance. */
  public static final int MAX_CONCURRENT_TASKS = 10_000;

  /** Shortest task lease (the heartbeat runs every third of it). */
  public static final Duration MIN_TASK_LEASE = Duration.ofMillis(30);

  /** Shortest poll interval and claim idle time. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

  DataStore dataStore;
  String dataStoreUri;
  Queue queue;
  String queueUri;
  final List<JobExecutor> jobExecutors = new ArrayList<>();
  final List<WorkflowListener> listeners = new ArrayList<>();
  final List<KubeMinExtension> extensions = new ArrayList<>();
  io.kubemin.tracing.OpenTelemetryTracing tracing;
  final List<TraitProcessor> traitProcessors = new ArrayList<>();
  final List<Policy> policies = new ArrayList<>();
  final List<ComponentTypeRenderer> componentTypes = new ArrayList<>();
  Clock clock = Clock.systemUTC();
  Set<Role> roles = EnumSet.allOf(Role.class);
  String instanceId;
  Retention retention = Retention.keepAll();
  GarbageCollection garbageCollection = GarbageCollection.keepClaims();
  final Map<String, GarbageCollection> appGarbageCollection = new LinkedHashMap<>();
  final Map<String, Retention> appRetention = new LinkedHashMap<>();
  int workerThreads = DEFAULT_WORKER_THREADS;
  int maxConcurrentTasks = DEFAULT_MAX_CONCURRENT_TASKS;
  int maxActiveTasksPerApp = DEFAULT_MAX_ACTIVE_TASKS_PER_APP;
  Duration defaultJobTimeout = DEFAULT_JOB_TIMEOUT;
  Duration taskTimeout = DEFAULT_TASK_TIMEOUT;
  Duration taskLease = DEFAULT_TASK_LEASE;
  Duration dispatchPollInterval = DEFAULT_DISPATCH_POLL_INTERVAL;
  Duration claimIdle = DEFAULT_CLAIM_IDLE;
  Duration startWriteDelay = DEFAULT_START_WRITE_DELAY;
  int maxDeliveries = DEFAULT_MAX_DELIVERIES;
  Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  LeaderElection leaderElection;
  Duration leaderLease = DEFAULT_LEADER_LEASE;

  KubeMinBuilder() {}

  /** The store to use; the host keeps owning it (KubeMin never closes it). */
  public KubeMinBuilder dataStore(DataStore store) {
    this.dataStore = Objects.requireNonNull(store, "dataStore");
    return this;
  }

  /**
   * Opens the store through the provider of this URI ({@code memory}, {@code jdbc:…}) unless an
   * instance is given; KubeMin closes it.
   */
  public KubeMinBuilder dataStoreUri(String uri) {
    this.dataStoreUri = requireText(uri, "dataStoreUri");
    return this;
  }

  /** The queue to use; the host keeps owning it (KubeMin never closes it). */
  public KubeMinBuilder queue(Queue queue) {
    this.queue = Objects.requireNonNull(queue, "queue");
    return this;
  }

  /**
   * Opens the queue through the provider of this URI ({@code memory}, {@code redis://…}, {@code
   * kafka://…}) unless an instance is given; KubeMin closes it.
   */
  public KubeMinBuilder queueUri(String uri) {
    this.queueUri = requireText(uri, "queueUri");
    return this;
  }

  /** Adds an executor; a job goes to the first registered one that supports its kind. */
  public KubeMinBuilder jobExecutor(JobExecutor executor) {
    jobExecutors.add(Objects.requireNonNull(executor, "jobExecutor"));
    return this;
  }

  /** Adds executors, in order. */
  public KubeMinBuilder jobExecutors(Collection<? extends JobExecutor> executors) {
    executors.forEach(this::jobExecutor);
    return this;
  }

  /**
   * Adds a custom trait processor; it runs after the built-in traits, in registration order.
   * Processors registered through {@link java.util.ServiceLoader} are found as well; one given here
   * wins over a discovered one of the same name.
   */
  public KubeMinBuilder traitProcessor(TraitProcessor processor) {
    traitProcessors.add(Objects.requireNonNull(processor, "traitProcessor"));
    return this;
  }

  /**
   * Adds a policy, run on every component of every application after its traits, in registration
   * order before the discovered ones.
   */
  public KubeMinBuilder policy(Policy policy) {
    policies.add(Objects.requireNonNull(policy, "policy"));
    return this;
  }

  /**
   * Adds a component type of a plugin; types registered through {@link java.util.ServiceLoader} are
   * found as well, and one given here wins over a discovered one of the same name.
   */
  public KubeMinBuilder componentType(ComponentTypeRenderer type) {
    componentTypes.add(Objects.requireNonNull(type, "componentType"));
    return this;
  }

  /** Adds a listener for task and job events. */
  public KubeMinBuilder listener(WorkflowListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Records the engine's spans in OpenTelemetry (docs/observability.md). Without it (the default)
   * the engine records none and loads no OpenTelemetry class.
   */
  public KubeMinBuilder tracing(io.kubemin.tracing.OpenTelemetryTracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    return this;
  }

  /** Adds a part started with the engine and stopped when it closes. */
  public KubeMinBuilder extension(KubeMinExtension extension) {
    extensions.add(Objects.requireNonNull(extension, "extension"));
    return this;
  }

  /** The clock for leases and deadlines (default: the UTC system clock). */
  public KubeMinBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The roles this instance runs (default: all). */
  public KubeMinBuilder roles(Role... roles) {
    if (roles.length == 0) {
      throw new IllegalArgumentException("roles: at least one role is required");
    }
    this.roles = EnumSet.copyOf(List.of(roles));
    return this;
  }

  /** This instance's id (default: {@code kubemin-} and 8 random characters). */
  public KubeMinBuilder instanceId(String instanceId) {
    this.instanceId = requireText(instanceId, "instanceId");
    if (instanceId.length() > 255) {
      // It is stored as the owner of tasks and the holder of the leader lease.
      throw new IllegalArgumentException(
          "instanceId: must have at most 255 characters, has " + instanceId.length());
    }
    return this;
  }

  /**
   * Queue consumer threads, 1..{@value #MAX_WORKER_THREADS} (default {@value
   * #DEFAULT_WORKER_THREADS}).
   */
  public KubeMinBuilder workerThreads(int threads) {
    this.workerThreads = inRange(threads, 1, MAX_WORKER_THREADS, "workerThreads");
    return this;
  }

  /**
   * Tasks running at once on this instance, 1..{@value #MAX_CONCURRENT_TASKS} (default {@value
   * #DEFAULT_MAX_CONCURRENT_TASKS}); a full worker stops reading the queue. A task counts from the
   * read of its message until its jobs are over: while its end is written it no longer does (up to
   * as many tasks again may be finishing, each on a thread of its own).
   */
  public KubeMinBuilder maxConcurrentTasks(int tasks) {
    this.maxConcurrentTasks = inRange(tasks, 1, MAX_CONCURRENT_TASKS, "maxConcurrentTasks");
    return this;
  }

  /**
   * Active tasks per application (default {@value #DEFAULT_MAX_ACTIVE_TASKS_PER_APP}); 0 means no
   * limit. Exec beyond it fails with {@link TaskConflictException} unless it queues behind.
   */
  public KubeMinBuilder maxActiveTasksPerApp(int tasks) {
    this.maxActiveTasksPerApp = inRange(tasks, 0, Integer.MAX_VALUE, "maxActiveTasksPerApp");
    return this;
  }

  /** Deadline of one job (default 5 minutes); must be positive. */
  public KubeMinBuilder defaultJobTimeout(Duration timeout) {
    this.defaultJobTimeout = atLeast(timeout, Duration.ofMillis(1), "defaultJobTimeout");
    return this;
  }

  /** Deadline of a task from its first start (default 1 hour); null for none. */
  public KubeMinBuilder taskTimeout(Duration timeout) {
    this.taskTimeout =
        timeout == null ? null : atLeast(timeout, Duration.ofMillis(1), "taskTimeout");
    return this;
  }

  /**
   * How long a worker's claim lasts without a heartbeat (default 30 s, at least 30 ms); the
   * heartbeat runs every third of it, and a dead worker's tasks resume elsewhere after it.
   */
  public KubeMinBuilder taskLease(Duration lease) {
    this.taskLease = atLeast(lease, MIN_TASK_LEASE, "taskLease");
    return this;
  }

  /** How often the leader polls for waiting tasks (default 3 s, at least 10 ms). */
  public KubeMinBuilder dispatchPollInterval(Duration interval) {
    this.dispatchPollInterval = atLeast(interval, MIN_INTERVAL, "dispatchPollInterval");
    return this;
  }

  /**
   * After how long an unacknowledged message is taken over by another consumer (default 60 s, at
   * least 10 ms; workers look every 15 s, or every half of this when shorter); queued tasks whose
   * message was lost are offered again after twice this.
   */
  public KubeMinBuilder claimIdle(Duration idle) {
    this.claimIdle = atLeast(idle, MIN_INTERVAL, "claimIdle");
    return this;
  }

  /**
   * Deliveries after which a message is dead-lettered (default {@value #DEFAULT_MAX_DELIVERIES}, at
   * least 1).
   */
  public KubeMinBuilder maxDeliveries(int deliveries) {
    this.maxDeliveries = inRange(deliveries, 1, Integer.MAX_VALUE, "maxDeliveries");
    return this;
  }

  /**
   * How long a task read from the queue runs before its start ({@code queued -> running}) is
   * written, on a store that prefers batches (default 200 ms; zero writes every start before the
   * task runs). A task that ends sooner goes from {@code queued} to its end in one write, and reads
   * {@code queued} while it runs. Starts are written first anyway for redelivered messages and
   * while {@code claimIdle} minus the lease margin is less than four times this delay (the message,
   * unacknowledged until a write, is what holds the task meanwhile).
   */
  public KubeMinBuilder startWriteDelay(Duration delay) {
    this.startWriteDelay = atLeast(delay, Duration.ZERO, "startWriteDelay");
    return this;
  }

  /** How long close waits for running tasks before handing them back (default 10 s). */
  public KubeMinBuilder shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = atLeast(timeout, Duration.ZERO, "shutdownTimeout");
    return this;
  }

  /**
   * How long ended tasks and their job records are kept, for every application without a policy of
   * its own (default {@link Retention#keepAll()}: nothing is purged). The leading dispatcher purges
   * in batches; the in-memory store applies it too, so a long-running local host stays bounded.
   */
  public KubeMinBuilder retention(Retention policy) {
    this.retention = Objects.requireNonNull(policy, "retention");
    return this;
  }

  /** How long the ended tasks of one application are kept (overrides {@link #retention}). */
  public KubeMinBuilder retention(String appId, Retention policy) {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("retention appId must not be empty");
    }
    appRetention.put(appId, Objects.requireNonNull(policy, "retention"));
    return this;
  }

  /**
   * What a task does with the objects the application no longer renders, after it deployed
   * successfully, for every application without a policy of its own (default {@link
   * GarbageCollection#keepClaims()}: delete them, except PersistentVolumeClaims).
   */
  public KubeMinBuilder garbageCollection(GarbageCollection policy) {
    this.garbageCollection = Objects.requireNonNull(policy, "garbageCollection");
    return this;
  }

  /** The garbage collection of one application (overrides {@link #garbageCollection}). */
  public KubeMinBuilder garbageCollection(String appId, GarbageCollection policy) {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("garbageCollection appId must not be empty");
    }
    appGarbageCollection.put(appId, Objects.requireNonNull(policy, "garbageCollection"));
    return this;
  }

  /**
   * Decides which instance dispatches. Default: on a store several processes share ({@link
   * DataStore#shared()}, such as MySQL or MariaDB), one leader elected through a lease row of the
   * store (see {@link #leaderLease}); on a process-local store (memory, H2 embedded), this instance
   * always. {@link LeaderElection#everyInstance()} makes every instance lead.
   */
  public KubeMinBuilder leaderElection(LeaderElection election) {
    this.leaderElection = Objects.requireNonNull(election, "leaderElection");
    return this;
  }

  /**
   * How long the leader elected through a shared store holds its lease without renewing it (default
   * 15 s, at least 300 ms): it renews every third of it, steps down when it could not renew for two
   * thirds, and another instance takes over at most one lease plus a third after the leader died
   * (at once, at its next attempt, when the leader closes cleanly).
   */
  public KubeMinBuilder leaderLease(Duration lease) {
    this.leaderLease = atLeast(lease, MIN_LEADER_LEASE, "leaderLease");
    return this;
  }

  /**
   * Builds the instance (not started) and logs its effective configuration once.
   *
   * <p>Only an instance that runs workers needs a {@link JobExecutor}. On an instance without one,
   * operations that delete objects from the cluster (deleting an application or its resources,
   * removing components by a version update) report every object in {@link
   * DeletionResult#failedResources()} instead of deleting it.
   *
   * @throws IllegalStateException when an instance that runs workers has no executor
   */
  public KubeMin build() {
    if (jobExecutors.isEmpty() && roles.contains(Role.WORKER)) {
      throw new IllegalStateException(
          "no JobExecutor registered for the WORKER role: add one with jobExecutor(...), such as"
              + " the Kubernetes executor of kubemin-k8s (io.kubemin.testing.RecordingJobExecutor"
              + " of kubemin-core's tests artifact in tests), or leave WORKER out of roles(...)");
    }
    return new KubeMin(this);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": must not be empty");
    }
    return value.trim();
  }

  private static int inRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + ": must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  private static Duration atLeast(Duration value, Duration min, String name) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          name + ": must be at least " + min.toMillis() + " ms, was " + value.toMillis() + " ms");
    }
    return value;
  }
}
