package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.render.Naming;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();

  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b ->
              b.clock(clock)
                  .taskLease(LEASE)
                  .dispatchPollInterval(Duration.ofMillis(50))
                  .shutdownTimeout(Duration.ZERO));

  private final CasLog store = cluster.store;
  private final RecordingJobExecutor executor = cluster.executor;

  @Test
  void aTaskOfADeadWorkerCompletesOnAnotherExactlyOnceAndTheDeadWorkersLateWriteIsRejected() {
    KubeMin leader = cluster.start("leader", Role.API, Role.DISPATCHER);
    KubeMin doomed = cluster.start("doomed", Role.WORKER);
    String appId = leader.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch stuck = executor.hold(deployment);
    String taskId = leader.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 1);

    doomed.crashForTesting();
    cluster.start("survivor", Role.WORKER);
    clock.advance(LEASE.multipliedBy(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.started(deployment) == 2);
    stuck.countDown();

    Task task = awaitEnd(leader, taskId);
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.attempt()).isEqualTo(2);
    assertThat(task.owner()).isEqualTo("survivor");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.attempts().stream().anyMatch(a -> isLateWriteOf("doomed", a)));
    assertThat(store.attempts())
        .filteredOn(a -> isLateWriteOf("doomed", a))
        .noneMatch(CasLog.Attempt::won);
    assertThat(leader.task(taskId)).isEqualTo(task);
    assertThat(cluster.finished).extracting(TaskEvent::taskId).containsExactly(taskId);
    assertThat(store.listJobs(taskId))
        .extracting(JobRecord::attempt)
        .as("the dead worker records nothing once the task is taken from it")
        .containsExactly(2);
  }

  private static boolean isLateWriteOf(String owner, CasLog.Attempt attempt) {
    return attempt.expectedAttempt() == 1
        && attempt.expected() == TaskStatus.RUNNING
        && attempt.next().status().terminal()
        && owner.equals(attempt.next().owner());
  }
}
