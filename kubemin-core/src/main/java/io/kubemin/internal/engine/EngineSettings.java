package io.kubemin.internal.engine;

import io.kubemin.spi.Role;
import java.time.Duration;
import java.util.Set;

/**
 * The engine configuration after the builder validated it.
 *
 * @param instanceId this instance (queue consumer, task owner, leader identity)
 * @param roles what this instance runs
 * @param workerThreads queue consumer threads
 * @param maxConcurrentTasks tasks running at once on this instance
 * @param maxActiveTasksPerApp active tasks per application; 0 or less means no limit
 * @param defaultJobTimeout deadline of one job
 * @param taskTimeout deadline of a task from its first start; null for none
 * @param taskLease how long a worker's claim on a task lasts without a heartbeat
 * @param dispatchPollInterval how often the dispatcher looks for waiting tasks it was not told of
 * @param claimIdle after how long an unacknowledged message is taken over by another worker
 * @param startWriteDelay how long a task read from the queue runs before its start is written
 * @param maxDeliveries deliveries after which a message goes to the dead-letter destination
 * @param shutdownTimeout how long close waits for running tasks before handing them back
 */
public record EngineSettings(
    String instanceId,
    Set<Role> roles,
    int workerThreads,
    int maxConcurrentTasks,
    int maxActiveTasksPerApp,
    Duration defaultJobTimeout,
    Duration taskTimeout,
    Duration taskLease,
    Duration dispatchPollInterval,
    Duration claimIdle,
    Duration startWriteDelay,
    int maxDeliveries,
    Duration shutdownTimeout) {

  /** The consumer group every worker reads from. */
  public static final String WORKER_GROUP = "workflow-workers";

  /** How often a worker looks for unacknowledged messages, at most (half of claimIdle if less). */
  public static final Duration CLAIM_INTERVAL = Duration.ofSeconds(15);

  private static final Duration MAX_LEASE_MARGIN = Duration.ofSeconds(2);
  private static final Duration MAX_READ_BLOCK = Duration.ofSeconds(1);
  private static final Duration LEASE_WITH_MAX_MARGIN = MAX_LEASE_MARGIN.multipliedBy(5);

  public EngineSettings {
    roles = Set.copyOf(roles);
  }

  /** Whether this instance runs the role. */
  public boolean runs(Role role) {
    return roles.contains(role);
  }

  /** How often running tasks renew their lease (a third of it). */
  public Duration heartbeatInterval() {
    return taskLease.dividedBy(3);
  }

  /**
   * How much earlier than the store a worker considers its lease over, by its own monotonic clock:
   * a fifth of the lease, at most two seconds. It covers the time a renewal takes to reach the
   * store and small clock drift.
   */
  public Duration leaseMargin() {
    // Every task start asks; Duration.dividedBy goes through BigDecimal, so the usual lease (ten
    // seconds or more) is answered without dividing, and a shorter one divides its nanoseconds.
    if (taskLease.compareTo(LEASE_WITH_MAX_MARGIN) >= 0) {
      return MAX_LEASE_MARGIN;
    }
    return Duration.ofNanos(taskLease.toNanos() / 5);
  }

  /**
   * Threads for the jobs of DAG bands and the steps of parallel branches: four per concurrent task,
   * at least 16. When all are busy, the task's own thread runs the next job or step itself, so a
   * wide DAG runs with bounded parallelism instead of a thread per job.
   */
  public int jobThreads() {
    return Math.max(16, 4 * maxConcurrentTasks);
  }

  /** How long a queue read waits for the first message. */
  public Duration readBlock() {
    return dispatchPollInterval.compareTo(MAX_READ_BLOCK) < 0
        ? dispatchPollInterval
        : MAX_READ_BLOCK;
  }
}
