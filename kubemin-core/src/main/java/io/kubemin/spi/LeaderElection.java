package io.kubemin.spi;

/**
 * Decides which engine instance runs the dispatcher and the reaper. The default elects one leader
 * through a lease row when the store is shared by several processes ({@link DataStore#shared()}),
 * and makes the instance leader otherwise; kubemin-k8s offers a Kubernetes Lease.
 */
public interface LeaderElection extends AutoCloseable {

  /**
   * An election in which every instance leads from start to close: right for a single instance, or
   * when the host wants every instance to dispatch.
   */
  static LeaderElection everyInstance() {
    return new EveryInstanceLeads();
  }

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
