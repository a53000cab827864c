package io.kubemin.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.DispatchMessage;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engine instances in this JVM, each with its own store pool and Redis connections, sharing one
 * MariaDB database and one Redis: what they do when the queue loses or garbles messages.
 */
class DistributedQueueLossIT {
  private static final int TASKS = 300;
  private static final Duration JOB_TIME = Duration.ofMillis(200);
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final Duration CLAIM_IDLE = Duration.ofSeconds(1);

  private TaskFleet fleet;
  private final List<EngineNode> nodes = new ArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  @BeforeEach
  void startFleet() throws Exception {
    fleet = TaskFleet.open(JOB_TIME, LEASE, CLAIM_IDLE);
    for (String id : List.of("node-1", "node-2", "node-3")) {
      nodes.add(EngineNode.start(fleet.config.instance(id), gate));
    }
  }

  @AfterEach
  void stopFleet() throws Exception {
    gate.countDown();
    nodes.forEach(EngineNode::close);
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void everyTaskCompletesWhenTheQueueIsWipedMidRun() {
    List<String> taskIds = fleet.exec(TASKS);
    // Workers hold their jobs: the stream keeps every task not started yet.
    await().atMost(Duration.ofSeconds(60)).until(() -> nodes.get(0).backlog() >= TASKS / 2);

    fleet.redis.deleteKeys();
    gate.countDown();

    assertAllCompletedOnce(fleet.awaitAllEnded(taskIds, Duration.ofSeconds(120)));
  }

  @Test
  void poisonMessagesAreDeadLetteredWhileTheWorkersCarryOn() {
    List<String> taskIds = fleet.exec(TASKS);
    gate.countDown();
    awaitFinished(TASKS / 10);
    String stream = fleet.redis.settings().streamKey();

    fleet.redis.redis().xadd(stream, Map.of("p", "{\"task_id\":"));
    fleet.redis.redis().xadd(stream, Map.of("other", "written by someone else"));
    fleet.redis.redis().xadd(stream, Map.of("p", new String(unknownTask())));

    assertAllCompletedOnce(fleet.awaitAllEnded(taskIds, Duration.ofSeconds(120)));
    List<StreamMessage<String, String>> dead =
        fleet.redis.redis().xrange(fleet.redis.settings().deadLetterKey(), Range.unbounded());
    assertThat(dead)
        .extracting(m -> m.getBody().get("reason"))
        .containsExactlyInAnyOrder(
            "not a dispatch message: {\"task_id\":", "not a dispatch message: ");
    assertThat(dead)
        .allSatisfy(m -> assertThat(m.getBody()).containsEntry("group", "workflow-workers"));
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(0).pendingMessages() == 0);
  }

  private static byte[] unknownTask() {
    return new DispatchMessage("nosuchtask", 1).encode();
  }

  private void awaitFinished(int count) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> fleet.finished() >= count);
  }

  private void assertAllCompletedOnce(List<Task> tasks) {
    assertThat(tasks).hasSize(TASKS).allMatch(t -> t.status() == TaskStatus.COMPLETED);
    JobRuns runs = new JobRuns(fleet.journal.events());
    assertThat(runs.concurrentRuns()).as("a task ran on two workers at once").isEmpty();
    assertThat(runs.finishedCounts()).hasSize(TASKS);
    assertThat(runs.finishedCounts().values()).containsOnly(1);
  }
}
