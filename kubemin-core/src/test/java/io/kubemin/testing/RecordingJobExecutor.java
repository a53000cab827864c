package io.kubemin.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JobExecutor} that deploys nothing and records every call, for tests and demos. By
 * default a job completes at once, counts its object as created and reports one progress message;
 * per job name it can be made slow ({@link #delay}), failing ({@link #fail}, {@link #failTimes}),
 * never ready ({@link #neverReady}) or held until a test releases it ({@link #hold}). It counts how
 * many jobs run at once, overall and for the same job of the same task (which must never exceed
 * one). Thread-safe.
 */
public final class RecordingJobExecutor implements JobExecutor {
  private final Set<JobKind> kinds; // null: every kind
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Job> started = new CopyOnWriteArrayList<>();
  private final List<Cleanup> cleanups = new CopyOnWriteArrayList<>();
  private final Map<String, String> failingCleanups = new ConcurrentHashMap<>();
  private final List<Job> deletions = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> runningPerTaskJob = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();

  /** An executor for every job kind, built in or not. */
  public RecordingJobExecutor() {
    this.kinds = null;
  }

  /** An executor for these kinds only. */
  public RecordingJobExecutor(Set<JobKind> kinds) {
    this.kinds = Set.copyOf(kinds);
  }

  /** Jobs with this name take {@code duration} (interruptibly) before completing. */
  public RecordingJobExecutor delay(String jobName, Duration duration) {
    behaviours.put(jobName, new Behaviour(duration, 0, null, null));
    return this;
  }

  /** Jobs with this name fail with {@code message}. */
  public RecordingJobExecutor fail(String jobName, String message) {
    return failTimes(jobName, Integer.MAX_VALUE, message);
  }

  /** The first {@code times} runs of jobs with this name fail; later runs complete. */
  public RecordingJobExecutor failTimes(String jobName, int times, String message) {
    behaviours.put(jobName, new Behaviour(Duration.ZERO, times, message, null));
    return this;
  }

  /** Jobs with this name never become ready: they wait until interrupted (deadline or cancel). */
  public RecordingJobExecutor neverReady(String jobName) {
    behaviours.put(jobName, new Behaviour(null, 0, null, null));
    return this;
  }

  /**
   * Jobs with this name wait until the returned latch is counted down (or they are interrupted),
   * then complete.
   */
  public CountDownLatch hold(String jobName) {
    CountDownLatch gate = new CountDownLatch(1);
    behaviours.put(jobName, new Behaviour(Duration.ZERO, 0, null, gate));
    return gate;
  }

  @Override
  public boolean supports(JobKind kind) {
    return kinds == null || kinds.contains(kind);
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws InterruptedException {
    String key = job.taskId() + "/" + job.kind() + "/" + job.name();
    AtomicInteger sameJob = runningPerTaskJob.computeIfAbsent(key, k -> new AtomicInteger());
    if (sameJob.incrementAndGet() > 1) {
      overlaps.incrementAndGet();
    }
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    started.add(job);
    long start = System.nanoTime();
    String result = "interrupted";
    try {
      JobOutcome outcome = behave(job, context);
      result = outcome.status().jsonName();
      return outcome;
    } finally {
      running.decrementAndGet();
      sameJob.decrementAndGet();
      calls.add(new Call(job, context.attempt(), start, System.nanoTime(), result));
    }
  }

  private JobOutcome behave(Job job, JobContext context) throws InterruptedException {
    Behaviour behaviour = behaviours.get(job.name());
    context.created(job.object());
    context.progress("applied " + job.describe());
    if (behaviour == null) {
      return JobOutcome.completed();
    }
    if (behaviour.gate() != null) {
      behaviour.gate().await();
    } else if (behaviour.delay() == null) {
      new CountDownLatch(1).await();
    } else if (!behaviour.delay().isZero()) {
      TimeUnit.NANOSECONDS.sleep(behaviour.delay().toNanos());
    }
    if (behaviour.failuresLeft() > 0) {
      behaviours.computeIfPresent(job.name(), (name, b) -> b.failedOnce());
      return JobOutcome.failed(behaviour.message());
    }
    return JobOutcome.completed();
  }

  /** Cleanups of jobs with this name throw an exception with {@code message} (after recording). */
  public RecordingJobExecutor failCleanup(String jobName, String message) {
    failingCleanups.put(jobName, message);
    return this;
  }

  @Override
  public void cleanup(Job job, JobContext context) {
    cleanups.add(new Cleanup(job, context.createdObjects()));
    String failure = failingCleanups.get(job.name());
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public boolean delete(Job job) {
    deletions.add(job);
    return true;
  }

  /** Finished runs (completed, failed or interrupted), in the order they ended. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Jobs in the order they started. */
  public List<Job> started() {
    return List.copyOf(started);
  }

  /** How many runs of jobs with this name started. */
  public int started(String jobName) {
    return (int) started.stream().filter(j -> j.name().equals(jobName)).count();
  }

  /** Jobs whose cleanup the engine asked for, in the order it asked. */
  public List<Job> cleanups() {
    return cleanups.stream().map(Cleanup::job).toList();
  }

  /** Every cleanup call with the objects the run had created, in the order the engine asked. */
  public List<Cleanup> cleanupCalls() {
    return List.copyOf(cleanups);
  }

  /** Jobs whose objects the engine asked to delete. */
  public List<Job> deletions() {
    return List.copyOf(deletions);
  }

  /** Jobs running now. */
  public int running() {
    return running.get();
  }

  /** The most jobs that ran at once. */
  public int maxConcurrency() {
    return maxRunning.get();
  }

  /**
   * How often a job of a task started while the same job of the same task was running (never, in a
   * correct engine).
   */
  public int sameJobOverlaps() {
    return overlaps.get();
  }

  /** The names of the finished runs, in the order they ended. */
  public List<String> finishedNames() {
    List<String> names = new ArrayList<>();
    calls.forEach(c -> names.add(c.job().name()));
    return names;
  }

  /**
   * One finished run.
   *
   * @param job the job
   * @param attempt the task attempt
   * @param startNanos {@link System#nanoTime()} at start
   * @param endNanos {@link System#nanoTime()} at end
   * @param result {@code completed}, {@code failed} or {@code interrupted}
   */
  public record Call(Job job, int attempt, long startNanos, long endNanos, String result) {
    /** Whether this run overlapped another in time. */
    public boolean overlaps(Call other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }
  }

  /**
   * One cleanup call.
   *
   * @param job the job
   * @param createdObjects {@link JobContext#createdObjects()} at the time of the call
   */
  public record Cleanup(Job job, List<HasMetadata> createdObjects) {
    public Cleanup {
      createdObjects = List.copyOf(createdObjects);
    }
  }

  private record Behaviour(Duration delay, int failuresLeft, String message, CountDownLatch gate) {
    Behaviour failedOnce() {
      int left = failuresLeft == Integer.MAX_VALUE ? failuresLeft : failuresLeft - 1;
      return new Behaviour(delay, left, message, gate);
    }
  }
}
