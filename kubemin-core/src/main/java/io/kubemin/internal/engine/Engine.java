package io.kubemin.internal.engine;

import io.kubemin.internal.plan.Planner;
import io.kubemin.spi.LeaderElection;
import io.kubemin.spi.Role;
import io.kubemin.workflow.Retention;
import io.kubemin.workflow.Task;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow engine of one instance: the worker (when it runs {@link Role#WORKER}) and the
 * dispatcher with the reaper (when it runs {@link Role#DISPATCHER} and leads).
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final FailureLog FAILURES = new FailureLog(LOG);

  private final EngineParts parts;
  private final LeaderElection election;
  private final EngineThreads threads;
  private final Dispatcher dispatcher;
  private final DispatchLoop dispatchLoop;
  private final Worker worker;

  public Engine(EngineParts parts, Planner planner, LeaderElection election) {
    this.parts = parts;
    this.election = election;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            2, EngineThreadFactory.named("kubemin-timer-" + parts.settings().instanceId()));
    timer.setRemoveOnCancelPolicy(true);
    this.threads = new EngineThreads(timer, jobPool(parts.settings()));
    this.dispatcher = new Dispatcher(parts);
    this.dispatchLoop = new DispatchLoop(parts, dispatcher);
    this.worker =
        parts.settings().runs(Role.WORKER)
            ? new Worker(parts, threads, planner, this::taskEnded)
            : null;
  }

  /**
   * Sets the retention policies the leader applies (default: keep everything).
   *
   * @param fallback the policy of applications without their own
   * @param perApp policies by application id
   */
  public void retention(Retention fallback, Map<String, Retention> perApp) {
    dispatchLoop.retention(new RetentionPurger(parts, fallback, perApp));
    if (!fallback.keepsAll() || !perApp.isEmpty()) {
      LOG.info("retention of ended tasks: {}; per application: {}", fallback, perApp);
    }
  }

  /**
   * At most {@link EngineSettings#jobThreads()} threads; when all are busy the submitting task
   * thread runs the work itself (also after shutdown), so nested waits never deadlock and nothing
   * submitted is dropped.
   */
  private static ExecutorService jobPool(EngineSettings settings) {
    return new ThreadPoolExecutor(
        0,
        settings.jobThreads(),
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        EngineThreadFactory.named("kubemin-job-" + settings.instanceId()),
        (work, pool) -> work.run());
  }

  /** Starts the worker and, with the dispatcher role, takes part in leader election. */
  public void start() {
    if (parts.settings().runs(Role.WORKER) || parts.settings().runs(Role.DISPATCHER)) {
      parts.queue().ensureGroup(EngineSettings.WORKER_GROUP);
    }
    if (worker != null) {
      worker.start();
    }
    if (parts.settings().runs(Role.DISPATCHER)) {
      election.start(dispatchLoop);
    }
  }

  /**
   * Whether a new task may be stored already claimed ({@code queued}), saving the dispatcher's
   * compare-and-set: only on the leading dispatcher, which offers it at once.
   */
  public boolean claimsAtCreation() {
    return dispatchLoop.leading();
  }

  /**
   * A task slot of this instance's worker for an exec that knows its task's plan inputs and may
   * start the task here at once ({@link LocalStart}); null when this instance does not lead, runs
   * no worker, stops, or has no free slot.
   */
  public LocalStart tryLocalStart() {
    if (worker == null || !dispatchLoop.leading()) {
      return null;
    }
    return worker.tryLocalStart();
  }

  /**
   * Tells {@code listener} of the config and secret components each task completed here marked
   * running (with the {@code updatedAt} of the application its inputs were read at).
   */
  public void onConfigsApplied(ConfigsApplied listener) {
    if (worker != null) {
      worker.onConfigsApplied(listener);
    }
  }

  /** Offers a task stored already claimed by {@link #claimsAtCreation()}. */
  public void offerClaimed(Task queued) {
    try {
      dispatcher.offerClaimed(queued);
      FAILURES.succeeded(offering());
    } catch (RuntimeException e) {
      FAILURES.failed(offering(), "task " + queued.id() + " waits for the dispatcher's poll", e);
    }
  }

  /**
   * Offers a new waiting task at once when this instance dispatches (otherwise the leader's poll
   * finds it). A task queued behind others goes through the per-application check.
   */
  public void offer(Task task, boolean queuedBehind) {
    if (!dispatchLoop.leading()) {
      return;
    }
    try {
      if (queuedBehind) {
        dispatcher.dispatchApp(task.appId());
      } else {
        dispatcher.claim(task);
      }
      FAILURES.succeeded(offering());
    } catch (RuntimeException e) {
      FAILURES.failed(offering(), "task " + task.id() + " waits for the dispatcher's poll", e);
    }
  }

  /**
   * Lets the next task queued behind an ended (or cancelled) one go at once, from whichever
   * instance saw it end: the claim is a compare-and-set, so this is safe beside the leader. The
   * leader instead asks its dispatcher for a round, which serves many ended tasks at once.
   */
  public void taskEnded(Task task) {
    dispatchLoop.countEnded();
    if (parts.settings().maxActiveTasksPerApp() <= 0) {
      return;
    }
    if (dispatchLoop.leading()) {
      dispatchLoop.nudge();
      return;
    }
    try {
      dispatcher.dispatchApp(task.appId());
      FAILURES.succeeded(offering());
    } catch (RuntimeException e) {
      FAILURES.failed(
          offering(),
          "the next task of application " + task.appId() + " waits for the dispatcher's poll",
          e);
    }
  }

  /**
   * Stops a task running on this instance for a cancel request.
   *
   * @return whether the task runs here
   */
  public boolean cancelLocally(String taskId, String reason) {
    List<TaskExecution> executions = worker == null ? List.of() : worker.running(taskId);
    executions.forEach(e -> e.stop(StopReason.CANCELLED, reason));
    return !executions.isEmpty();
  }

  /**
   * Stops gracefully: no new tasks; running ones get {@code shutdownTimeout} to end, then are
   * handed back to {@code waiting} for another worker; leadership is released.
   */
  public void close() {
    if (worker != null) {
      worker.stopReading();
      worker.drain(parts.settings().shutdownTimeout());
      worker.closeConsumers();
    }
    closeElection();
    shutdownThreads();
  }

  /**
   * Stops like a crashed process: no more reads, heartbeats or dispatching; running task threads
   * are abandoned as they are, so their leases expire and their late writes are fenced. For tests.
   */
  public void crash() {
    if (worker != null) {
      worker.stopReading();
      worker.stopHeartbeat();
      worker.abandon();
    }
    if (parts.store() instanceof GroupCommitStore batches) {
      batches.crash();
    }
    closeElection();
  }

  /** Releases the threads of a crashed engine. */
  public void releaseAfterCrash() {
    shutdownThreads();
  }

  private String offering() {
    return "offering new tasks on instance " + parts.settings().instanceId();
  }

  private void closeElection() {
    if (parts.settings().runs(Role.DISPATCHER)) {
      try {
        election.close();
      } catch (RuntimeException e) {
        LOG.warn("leader election did not close cleanly", e);
      }
    }
    dispatchLoop.stoppedLeading();
  }

  private void shutdownThreads() {
    threads.timer().shutdownNow();
    threads.jobPool().shutdown();
    try {
      if (!threads.jobPool().awaitTermination(5, TimeUnit.SECONDS)) {
        threads.jobPool().shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.jobPool().shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
