package io.kubemin.spi;

/**
 * Decides which engine instance runs the dispatcher and the reaper. The default in core makes every
 * instance leader at once (right for a single instance); kubemin-k8s offers a Kubernetes Lease.
 */
public interface LeaderElection extends AutoCloseable {

  /** Starts taking part; leadership changes are reported to the listener, on any thread. */
  void start(LeadershipListener listener);

  /** Whether this instance leads now. */
  boolean isLeader();

  /** Stops taking part and gives up leadership if held (reporting it to the listener). */
  @Override
  void close();

  /** Told when this instance gains or loses leadership. */
  interface LeadershipListener {
    /** This instance became leader. */
    void startedLeading();

    /** This instance is no longer leader. */
    void stoppedLeading();
  }
}
