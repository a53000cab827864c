package io.kubemin.spi;

/**
 * The parts an engine instance runs. One JVM can run all of them (local mode, the default) or a
 * fleet can split them.
 */
public enum Role {
  /** The facade operations: create, exec, cancel, status... */
  API,
  /** Reads the queue and runs tasks. */
  WORKER,
  /**
   * Takes part in leader election; while leader, claims waiting tasks into the queue and returns
   * tasks whose lease expired (the reaper).
   */
  DISPATCHER,
  /** Runs the extensions that keep component status in sync with the cluster. */
  STATUS_SYNC
}
