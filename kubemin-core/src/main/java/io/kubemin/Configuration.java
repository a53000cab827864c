package io.kubemin;

import io.kubemin.internal.engine.EngineSettings;
import io.kubemin.internal.engine.JobExecutors;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.LeaderElection;
import io.kubemin.spi.Queue;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a builder into engine settings and logs the effective configuration. */
final class Configuration {
  private static final Logger LOG = LoggerFactory.getLogger(KubeMin.class);

  private Configuration() {}

  static EngineSettings settings(KubeMinBuilder b) {
    String instanceId =
        b.instanceId != null ? b.instanceId : "kubemin-" + Ids.newId().substring(0, 8);
    return new EngineSettings(
        instanceId,
        b.roles,
        b.workerThreads,
        b.maxConcurrentTasks,
        b.maxActiveTasksPerApp,
        b.defaultJobTimeout,
        b.taskTimeout,
        b.taskLease,
        b.dispatchPollInterval,
        b.claimIdle,
        b.startWriteDelay,
        b.maxDeliveries,
        b.shutdownTimeout);
  }

  static void log(
      EngineSettings s,
      DataStore store,
      Queue queue,
      JobExecutors executors,
      KubeMinBuilder b,
      LeaderElection election) {
    LOG.info(
        "KubeMin instance={} roles={} store={}{} queue={}{} executors={} listeners={} extensions={}"
            + " leaderElection={} workerThreads={} maxConcurrentTasks={} maxActiveTasksPerApp={}"
            + " defaultJobTimeout={} taskTimeout={} taskLease={} dispatchPollInterval={}"
            + " claimIdle={} startWriteDelay={} maxDeliveries={} shutdownTimeout={} tracing={}",
        s.instanceId(),
        s.roles(),
        store.getClass().getSimpleName(),
        b.dataStore == null ? "" : " (host-owned)",
        queue.getClass().getSimpleName(),
        b.queue == null ? "" : " (host-owned)",
        executors.names(),
        b.listeners.size(),
        b.extensions.size(),
        electionName(b, election),
        s.workerThreads(),
        s.maxConcurrentTasks(),
        s.maxActiveTasksPerApp(),
        text(s.defaultJobTimeout()),
        s.taskTimeout() == null ? "none" : text(s.taskTimeout()),
        text(s.taskLease()),
        text(s.dispatchPollInterval()),
        text(s.claimIdle()),
        text(s.startWriteDelay()),
        s.maxDeliveries(),
        text(s.shutdownTimeout()),
        b.tracing == null ? "off" : "opentelemetry");
  }

  private static String electionName(KubeMinBuilder b, LeaderElection election) {
    if (b.leaderElection != null) {
      return election.getClass().getSimpleName();
    }
    return election instanceof io.kubemin.internal.election.StoreLeaderElection
        ? "store-lease(" + b.leaderLease.toMillis() + "ms)"
        : "always-leader";
  }

  private static String text(Duration duration) {
    return duration.toMillis() + "ms";
  }
}
