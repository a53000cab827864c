package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.Queue;
import io.kubemin.spi.Role;
import java.util.List;

/**
 * docs/embedding.md: the roles of a fleet, each built the way its own process would build it. In
 * production every instance opens the shared store and queue itself ({@code dataStoreUri}, {@code
 * queueUri}); here they are passed in, so one JVM can show the split with an {@code
 * InMemoryDataStore} and an {@code InMemoryQueue}.
 */
public final class SplitRoles {
  private SplitRoles() {}

  /** Behind the REST layer: creates applications and tasks, answers reads. No executor needed. */
  public static KubeMin api(DataStore store, Queue queue) {
    return KubeMin.builder().dataStore(store).queue(queue).roles(Role.API).build();
  }

  /** Takes part in leader election; the leader moves waiting tasks to the queue. */
  public static KubeMin dispatcher(DataStore store, Queue queue) {
    return KubeMin.builder().dataStore(store).queue(queue).roles(Role.DISPATCHER).build();
  }

  /** Runs tasks from the queue; the only role that needs a {@link JobExecutor}. */
  public static KubeMin worker(DataStore store, Queue queue, JobExecutor executor) {
    return KubeMin.builder()
        .dataStore(store)
        .queue(queue)
        .roles(Role.WORKER)
        .jobExecutor(executor)
        .maxConcurrentTasks(20)
        .build();
  }

  /** Starts a fleet of one instance per role; close them in the reverse order. */
  public static List<KubeMin> startFleet(DataStore store, Queue queue, JobExecutor executor) {
    List<KubeMin> fleet =
        List.of(worker(store, queue, executor), dispatcher(store, queue), api(store, queue));
    fleet.forEach(KubeMin::start);
    return fleet;
  }
}
