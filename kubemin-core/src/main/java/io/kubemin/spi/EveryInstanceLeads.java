package io.kubemin.spi;

/** {@link LeaderElection#everyInstance()}: this instance leads from start to close. */
final class EveryInstanceLeads implements LeaderElection {
  private LeadershipListener listener;

  @Override
  public synchronized void start(LeadershipListener leadershipListener) {
    this.listener = leadershipListener;
    leadershipListener.startedLeading();
  }

  @Override
  public synchronized boolean isLeader() {
    return listener != null;
  }

  @Override
  public void close() {
    LeadershipListener stopping;
    synchronized (this) {
      stopping = listener;
      listener = null;
    }
    if (stopping != null) {
      stopping.stoppedLeading();
    }
  }
}
