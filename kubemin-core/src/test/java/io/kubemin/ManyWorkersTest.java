package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.Role;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testing.RecordingJobExecutor.Call;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ManyWorkersTest {
  private static final int WORKERS = 8;
  private static final int APPS = 200;
  private static final int TASKS_PER_APP = 10;

  @AutoClose private final EngineCluster cluster = new EngineCluster(b -> b.maxConcurrentTasks(4));
  private final RecordingJobExecutor executor = cluster.executor;

  @Test
  void eightWorkersRunTwoThousandTasksEachExactlyOnce() {
    KubeMin api = cluster.start("api", Role.API, Role.DISPATCHER);
    for (int i = 0; i < WORKERS; i++) {
      cluster.start("worker-" + i, Role.WORKER);
    }
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      apps.add(api.createApplication(app("app-" + i, List.of(web("web")))).id());
    }

    List<String> tasks = new ArrayList<>();
    for (int round = 0; round < TASKS_PER_APP; round++) {
      for (String appId : apps) {
        tasks.add(api.exec(appId, ExecOptions.queueBehind()));
      }
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.finished.size() >= tasks.size());
    assertThat(tasks)
        .allSatisfy(t -> assertThat(api.task(t).status()).isEqualTo(TaskStatus.COMPLETED));
    assertThat(cluster.finished)
        .extracting(TaskEvent::taskId)
        .doesNotHaveDuplicates()
        .hasSameSizeAs(tasks);
    assertThat(executor.started()).hasSize(tasks.size());
    assertThat(executor.sameJobOverlaps()).isZero();
    assertThat(
            cluster.instances().stream()
                .skip(1)
                .filter(w -> ownerCount(api, w.instanceId(), tasks) > 0))
        .as("every worker took tasks")
        .hasSize(WORKERS);
    Map<String, List<Call>> byApp =
        executor.calls().stream().collect(Collectors.groupingBy(c -> c.job().appId()));
    assertThat(byApp.values())
        .as("the tasks of one application never run at the same time")
        .allSatisfy(calls -> assertThat(overlapping(calls)).isFalse());
  }

  private static long ownerCount(KubeMin api, String owner, List<String> tasks) {
    return tasks.stream().filter(t -> owner.equals(api.task(t).owner())).count();
  }

  private static boolean overlapping(List<Call> calls) {
    List<Call> sorted = calls.stream().sorted(Comparator.comparingLong(Call::startNanos)).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).startNanos() < sorted.get(i - 1).endNanos()) {
        return true;
      }
    }
    return false;
  }
}
