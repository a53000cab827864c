package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.awaitStatus;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueException;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.QueueStats;
import io.kubemin.spi.Role;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class QueueHandlingTest {
  private static final String GROUP = "workflow-workers";

  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b ->
              b.dispatchPollInterval(Duration.ofMillis(20))
                  .claimIdle(Duration.ofMillis(50))
                  .maxDeliveries(1));

  private final InMemoryQueue queue = cluster.queue;
  private final RecordingJobExecutor executor = cluster.executor;

  private KubeMin instance(Queue q, Role... roles) {
    return cluster.start("instance-" + cluster.instances().size(), q, roles);
  }

  @Test
  void aMessageThatIsNoDispatchMessageIsDeadLettered() {
    instance(queue, Role.values());

    queue.enqueue("x", "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));

    await().atMost(Duration.ofSeconds(5)).until(() -> queue.deadLetters().size() == 1);
    assertThat(queue.deadLetters().get(0).reason()).contains("not a dispatch message");
  }

  @Test
  void aQueuedTaskWhoseMessageWasLostIsOfferedAgain() {
    KubeMin api = instance(queue, Role.API, Role.DISPATCHER);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    String taskId = api.exec(appId);
    awaitStatus(api, taskId, TaskStatus.QUEUED);
    List<QueueMessage> lost = queue.readGroup(GROUP, "thief", 10, Duration.ZERO);
    queue.ack(GROUP, lost.stream().map(QueueMessage::id).toList());

    instance(queue, Role.WORKER);

    assertThat(lost).hasSize(1);
    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aMessageDeliveredTooOftenIsDeadLetteredAndItsTaskStillRuns() {
    KubeMin api = instance(queue, Role.API, Role.DISPATCHER);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();
    String taskId = api.exec(appId);
    awaitStatus(api, taskId, TaskStatus.QUEUED);
    assertThat(queue.readGroup(GROUP, "stuck-consumer", 10, Duration.ZERO)).hasSize(1);

    instance(queue, Role.WORKER);

    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(queue.deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).contains("delivered 2 times"));
    assertThat(executor.started()).hasSize(1);
  }

  @Test
  void aTaskWhoseOfferFailedWaitsAndIsClaimedAgain() {
    FlakyQueue flaky = new FlakyQueue(queue, 1);
    KubeMin kubemin = instance(flaky, Role.values());
    String appId = kubemin.createApplication(app("shop", List.of(web("web")))).id();

    String taskId = kubemin.exec(appId);

    assertThat(awaitEnd(kubemin, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(flaky.failures.get()).isZero();
  }

  /** Fails the first enqueues, then delegates. */
  private static final class FlakyQueue implements Queue {
    private final Queue delegate;
    private final AtomicInteger failures;

    FlakyQueue(Queue delegate, int failures) {
      this.delegate = delegate;
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public void ensureGroup(String group) {
      delegate.ensureGroup(group);
    }

    @Override
    public String enqueue(String key, byte[] payload) {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new QueueException("broker unreachable");
      }
      return delegate.enqueue(key, payload);
    }

    @Override
    public List<QueueMessage> readGroup(String group, String consumer, int max, Duration block) {
      return delegate.readGroup(group, consumer, max, block);
    }

    @Override
    public void ack(String group, Collection<String> ids) {
      delegate.ack(group, ids);
    }

    @Override
    public List<QueueMessage> autoClaim(String group, String consumer, Duration minIdle, int max) {
      return delegate.autoClaim(group, consumer, minIdle, max);
    }

    @Override
    public void deadLetter(String group, QueueMessage message, String reason) {
      delegate.deadLetter(group, message, reason);
    }

    @Override
    public QueueStats stats(String group) {
      return delegate.stats(group);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
