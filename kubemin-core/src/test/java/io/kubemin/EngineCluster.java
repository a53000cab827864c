package io.kubemin;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.Queue;
import io.kubemin.spi.Role;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Engine instances in one JVM sharing a store, a queue and a recording executor, as a fleet of
 * processes would share a database and a broker. Records every task-finished event of every
 * instance; closes them all.
 */
final class EngineCluster implements AutoCloseable {
  final CasLog store = new CasLog(new InMemoryDataStore());
  final InMemoryQueue queue = new InMemoryQueue();
  final RecordingJobExecutor executor = new RecordingJobExecutor();
  final List<TaskEvent> finished = new CopyOnWriteArrayList<>();
  private final UnaryOperator<KubeMinBuilder> settings;
  private final List<KubeMin> instances = new ArrayList<>();

  /** A cluster whose instances all get these extra settings. */
  EngineCluster(UnaryOperator<KubeMinBuilder> settings) {
    this.settings = settings;
  }

  /** Builds and starts an instance. */
  KubeMin start(String id, Role... roles) {
    return start(id, queue, roles);
  }

  /** Builds and starts an instance that reaches the queue through {@code via}. */
  KubeMin start(String id, Queue via, Role... roles) {
    KubeMinBuilder builder =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles)
            .dataStore(store)
            .queue(via)
            .jobExecutor(executor)
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskFinished(TaskEvent event) {
                    finished.add(event);
                  }
                });
    KubeMin kubemin = settings.apply(builder).build();
    instances.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  /** The instances, in start order. */
  List<KubeMin> instances() {
    return List.copyOf(instances);
  }

  @Override
  public void close() {
    instances.forEach(KubeMin::close);
  }
}
