package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.LeaseLeaderElection;
import io.kubemin.k8s.LeaseSettings;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.ModelCodec;
import io.kubemin.testing.UpstreamExamples;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.WorkflowListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two engine instances on one sandbox, one store and one queue, electing a leader on a Lease. */
class TwoEnginesIT {
  private static final Duration LEASE = Duration.ofMillis(1500);
  private final KubeSandbox sandbox =
      KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
  private final InMemoryDataStore store = new InMemoryDataStore();
  private final InMemoryQueue queue = new InMemoryQueue();
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    sandbox.close();
  }

  @Test
  void exactlyOneDispatchesAndTheOtherTakesOverWhenItCloses() {
    Instance a = instance("a", sandbox.client());
    await().atMost(Duration.ofSeconds(10)).until(a.election::isLeader);
    Instance b = instance("b", sandbox.newClient());

    await()
        .during(LEASE)
        .atMost(LEASE.multipliedBy(3))
        .until(() -> a.election.isLeader() && !b.election.isLeader());
    ApplicationInfo app =
        b.kubemin.createApplication(
            ModelCodec.readApplication(
                    UpstreamExamples.root().resolve("validation-try/01-valid-simple-app.json"))
                .value());
    String first = b.kubemin.exec(app.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> b.kubemin.task(first).status() == TaskStatus.COMPLETED);
    assertThat(a.queued).containsExactly(first);
    assertThat(b.queued).isEmpty();

    a.kubemin.close();
    await().atMost(LEASE.plusSeconds(1)).until(b.election::isLeader);
    String second = b.kubemin.exec(app.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> b.kubemin.task(second).status() == TaskStatus.COMPLETED);

    assertThat(b.queued).containsExactly(second);
    assertThat(a.election.isLeader()).isFalse();
  }

  private Instance instance(String id, KubernetesClient client) {
    KubernetesJobExecutor executor = new KubernetesJobExecutor(client);
    LeaseLeaderElection election =
        new LeaseLeaderElection(
            client,
            LeaseSettings.builder()
                .identity(id)
                .leaseDuration(LEASE)
                .renewDeadline(Duration.ofMillis(1000))
                .retryPeriod(Duration.ofMillis(200))
                .build());
    List<String> queued = new CopyOnWriteArrayList<>();
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .leaderElection(election)
            .dispatchPollInterval(Duration.ofMillis(100))
            .listener(
                new WorkflowListener() {
                  @Override
                  public void taskQueued(TaskEvent event) {
                    queued.add(event.taskId());
                  }
                })
            .build();
    resources.add(executor);
    resources.add(kubemin);
    kubemin.start();
    return new Instance(kubemin, election, queued);
  }

  private record Instance(KubeMin kubemin, LeaseLeaderElection election, List<String> queued) {}
}
