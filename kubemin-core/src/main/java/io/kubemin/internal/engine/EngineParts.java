package io.kubemin.internal.engine;

import io.kubemin.internal.trace.EngineTracing;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import java.time.Clock;
import java.time.Instant;

/**
 * What the engine's parts share.
 *
 * @param store the store
 * @param queue the queue
 * @param executors the job executors
 * @param listener every registered listener
 * @param clock the clock for leases and deadlines
 * @param settings the configuration
 * @param tracing where spans go ({@link EngineTracing#OFF} without tracing)
 */
public record EngineParts(
    DataStore store,
    Queue queue,
    JobExecutors executors,
    Listeners listener,
    Clock clock,
    EngineSettings settings,
    EngineTracing tracing) {

  /** The parts of an engine without tracing. */
  public EngineParts(
      DataStore store,
      Queue queue,
      JobExecutors executors,
      Listeners listener,
      Clock clock,
      EngineSettings settings) {
    this(store, queue, executors, listener, clock, settings, EngineTracing.OFF);
  }

  /** Now, at the millisecond precision stores keep. */
  public Instant now() {
    // The same instant as clock.instant() truncated to milliseconds, without first building one of
    // nanosecond precision: a task asks a dozen times.
    return Instant.ofEpochMilli(clock.millis());
  }

  /** The task transitions over the store. */
  public TaskStates states() {
    return new TaskStates(store);
  }
}
