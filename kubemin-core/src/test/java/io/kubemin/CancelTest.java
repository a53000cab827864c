package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.awaitStatus;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryQueue;
import io.kubemin.render.Naming;
import io.kubemin.spi.Role;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CancelTest {
  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b -> b.taskLease(Duration.ofMillis(300)).dispatchPollInterval(Duration.ofMillis(20)));

  private final InMemoryQueue queue = cluster.queue;
  private final RecordingJobExecutor executor = cluster.executor;

  private KubeMin instance(Role... roles) {
    return cluster.start("instance-" + cluster.instances().size(), roles);
  }

  @Test
  void cancellingARunningTaskStopsItsJobWithinOneSecond() {
    KubeMin kubemin = instance(Role.values());
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    executor.neverReady(deployment);
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 1);

    long start = System.nanoTime();
    kubemin.cancel(appId, taskId, "alice", "wrong image");
    Task task = awaitEnd(kubemin, taskId, Duration.ofSeconds(1));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(task.error()).isEqualTo("wrong image");
    assertThat(task.cancelledBy()).isEqualTo("alice");
    assertThat(kubemin.jobs(taskId))
        .extracting(JobRecord::status)
        .containsExactly(JobStatus.CANCELLED);
    assertThat(executor.cleanups()).extracting(j -> j.name()).containsExactly(deployment);
  }

  @Test
  void aCancelRecordedOnAnotherInstanceReachesTheWorkerWithinAHeartbeat() {
    KubeMin api = instance(Role.API, Role.DISPATCHER);
    instance(Role.WORKER);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    executor.neverReady(Naming.deployment("web", appId));
    String taskId = api.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> executor.running() == 1);

    Task requested = api.cancel(appId, taskId, null, null);

    assertThat(requested.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(requested.cancelRequested()).isTrue();
    Task task = awaitEnd(api, taskId, Duration.ofSeconds(1));
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(task.error()).isEqualTo("cancelled by system");
  }

  @Test
  void aWaitingTaskThatIsCancelledNeverStarts() {
    KubeMin api = instance(Role.API);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    String taskId = api.exec(appId);

    assertThat(api.cancel(appId, taskId, "bob", null).status()).isEqualTo(TaskStatus.CANCELLED);

    instance(Role.DISPATCHER, Role.WORKER);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> executor.started().isEmpty());
    assertThat(api.task(taskId).status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void aQueuedTaskThatIsCancelledNeverStartsAndItsMessageIsDropped() {
    KubeMin api = instance(Role.API, Role.DISPATCHER);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    String taskId = api.exec(appId);
    awaitStatus(api, taskId, TaskStatus.QUEUED);

    assertThat(api.cancel(appId, taskId, "bob", null).status()).isEqualTo(TaskStatus.CANCELLED);

    instance(Role.WORKER);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                queue.stats("workflow-workers").pending() == 0
                    && queue.stats("workflow-workers").backlog() == 0);
    assertThat(executor.started()).isEmpty();
    assertThat(api.task(taskId).status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void cancellingAnEndedTaskLeavesIt() {
    KubeMin kubemin = instance(Role.values());
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String taskId = kubemin.exec(appId);
    awaitEnd(kubemin, taskId);

    Task task = kubemin.cancel(appId, taskId, "bob", null);

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.cancelRequested()).isFalse();
  }

  @Test
  void aTaskIsCancelledOnlyThroughItsOwnApplication() {
    KubeMin kubemin = instance(Role.values());
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();
    String otherId = kubemin.createApplication(app("other", List.of(web("web")))).id();
    String taskId = kubemin.exec(appId);

    assertThatThrownBy(() -> kubemin.cancel(otherId, taskId, null, null))
        .isInstanceOfSatisfying(
            TaskNotFoundException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.businessCode()).isEqualTo(20006);
            });
  }
}
