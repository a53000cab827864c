package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.internal.trace.otel.OtelEngineTracing;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.TaskChange;
import io.kubemin.testsupport.SpiedStore;
import io.kubemin.testsupport.TraceRecorder;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The span of a group-commit batch: a child of its writer's span when the batch serves one trace, a
 * root linked to a span of each trace when it serves several, none when no writer was traced.
 */
class GroupCommitStoreTracingTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final TraceRecorder traces = new TraceRecorder();
  private final InMemoryDataStore memory = new InMemoryDataStore();
  private final AtomicBoolean holdNextBatch = new AtomicBoolean();
  private final CountDownLatch batchHeld = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final GroupCommitStore store =
      new GroupCommitStore(holding(memory), "trace-test", OtelEngineTracing.of(traces.tracing()));
  private final AtomicInteger ids = new AtomicInteger();

  @AfterEach
  void close() {
    store.stop();
    traces.close();
  }

  @Test
  void aBatchOfOneTraceIsAChildSpanAndABatchOfTwoTracesIsALinkedRoot() {
    // The first write holds the committer, so the next two wait and are written as one batch.
    holdNextBatch.set(true);
    CompletableFuture<List<Boolean>> held =
        store.writeBatchAsync(List.of(claim(task(0))), List.of());
    await().atMost(Duration.ofSeconds(5)).until(() -> batchHeld.getCount() == 0);
    Span first = traces.openTelemetry().getTracer("test").spanBuilder("first").startSpan();
    Span second = traces.openTelemetry().getTracer("test").spanBuilder("second").startSpan();
    CompletableFuture<List<Boolean>> one;
    CompletableFuture<List<Boolean>> two;
    try (Scope ignored = first.makeCurrent()) {
      one = store.writeBatchAsync(List.of(claim(task(0))), List.of());
    }
    try (Scope ignored = second.makeCurrent()) {
      two = store.writeBatchAsync(List.of(claim(task(0))), List.of());
    }
    release.countDown();
    assertThat(held.join()).containsExactly(true);
    assertThat(one.join()).containsExactly(true);
    assertThat(two.join()).containsExactly(true);

    SpanData shared = traces.await("kubemin.store.batch");
    assertThat(shared.getParentSpanContext().isValid()).isFalse();
    assertThat(shared.getLinks())
        .extracting(LinkData::getSpanContext)
        .extracting(c -> c.getSpanId())
        .containsExactlyInAnyOrder(
            first.getSpanContext().getSpanId(), second.getSpanContext().getSpanId());
    assertThat(TraceRecorder.longAttribute(shared, "kubemin.store.batch.size")).isEqualTo(2L);

    Span alone = traces.openTelemetry().getTracer("test").spanBuilder("alone").startSpan();
    Task later = task(0);
    try (Scope ignored = alone.makeCurrent()) {
      assertThat(store.compareAndSet(later.id(), TaskStatus.WAITING, 1, claim(later).next()))
          .isTrue();
    }
    SpanData child =
        traces.await(
            s ->
                s.getName().equals("kubemin.store.batch")
                    && s.getTraceId().equals(alone.getSpanContext().getTraceId()));
    assertThat(child.getParentSpanId()).isEqualTo(alone.getSpanContext().getSpanId());
    assertThat(traces.spans())
        .as("the untraced first write made no span")
        .filteredOn(s -> s.getName().equals("kubemin.store.batch"))
        .hasSize(2);
  }

  /** A waiting task whose id falls in lane {@code lane}, so every write here shares a committer. */
  private Task task(int lane) {
    String id;
    do {
      id = String.format("t%023d", ids.incrementAndGet());
    } while (Math.floorMod(id.hashCode(), GroupCommitStore.LANES) != lane);
    Task task = Task.waiting(id, "app", "wf", "wf", NOW);
    memory.insertTask(task, 0);
    return task;
  }

  private static TaskChange claim(Task waiting) {
    return TaskChange.of(waiting, waiting.withStatus(TaskStatus.QUEUED, NOW));
  }

  private DataStore holding(DataStore target) {
    return SpiedStore.over(
        target,
        (method, args) -> {
          if (method.equals("writeBatch") && holdNextBatch.getAndSet(false)) {
            batchHeld.countDown();
            release.await();
          }
        });
  }
}
