package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static io.kubemin.testsupport.TraceRecorder.attribute;
import static io.kubemin.testsupport.TraceRecorder.longAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.render.Naming;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.testsupport.TraceRecorder;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One trace per exec across engine instances that share a store and the in-memory queue: the
 * caller's span, the exec on an API instance, the dispatch on another, the worker on a third, its
 * step and job; and a task resumed after its worker crashed continues that trace as a linked span.
 */
class TracingAcrossInstancesTest {
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();
  @AutoClose private final TraceRecorder traces = new TraceRecorder();

  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b ->
              b.clock(clock)
                  .tracing(traces.tracing())
                  .taskLease(LEASE)
                  .dispatchPollInterval(Duration.ofMillis(50))
                  .shutdownTimeout(Duration.ZERO));

  @Test
  void theCallerTheExecTheDispatcherAndTheWorkerOnAnotherInstanceShareOneTrace() {
    KubeMin api = cluster.start("api", Role.API);
    cluster.start("dispatcher", Role.DISPATCHER);
    cluster.start("worker", Role.WORKER);
    String appId = api.createApplication(app("shop", List.of(web("web")))).id();

    String taskId;
    Span request = traces.openTelemetry().getTracer("test").spanBuilder("POST /exec").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      taskId = api.exec(appId);
    } finally {
      request.end();
    }
    assertThat(awaitEnd(api, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    SpanData task = traces.await("kubemin.task");
    traces.await("kubemin.step");

    String traceId = request.getSpanContext().getTraceId();
    List<SpanData> trace = traces.trace(traceId);
    System.out.println(traces.describe(traceId));
    assertThat(trace)
        .extracting(SpanData::getName)
        .contains(
            "POST /exec",
            "kubemin.exec",
            "send kubemin-dispatch",
            "process kubemin-dispatch",
            "kubemin.task",
            "kubemin.step",
            "kubemin.job");
    SpanData send = named(trace, "send kubemin-dispatch");
    SpanData process = named(trace, "process kubemin-dispatch");
    SpanData exec = named(trace, "kubemin.exec");
    SpanData job = named(trace, "kubemin.job");
    assertThat(exec.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(attribute(send, "kubemin.instance.id")).isEqualTo("dispatcher");
    assertThat(send.getParentSpanId())
        .as("the dispatcher continues the context stored with the task")
        .isEqualTo(exec.getSpanId());
    assertThat(attribute(send, "messaging.system")).isEqualTo("memory");
    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(process.getParentSpanId())
        .as("the queue message carried the dispatch's context")
        .isEqualTo(send.getSpanId());
    assertThat(attribute(process, "kubemin.instance.id")).isEqualTo("worker");
    assertThat(task.getParentSpanId()).isEqualTo(process.getSpanId());
    assertThat(attribute(task, "kubemin.task.id")).isEqualTo(taskId);
    assertThat(attribute(task, "kubemin.outcome")).isEqualTo("completed");
    assertThat(attribute(job, "kubemin.job.kind")).isEqualTo("Deployment");
    assertThat(attribute(job, "kubemin.job.name")).isEqualTo(Naming.deployment("web", appId));
    assertThat(attribute(job, "k8s.namespace.name")).isEqualTo("default");
    assertThat(longAttribute(job, "kubemin.task.attempt")).isEqualTo(1L);
    assertThat(attribute(job, "kubemin.outcome")).isEqualTo("completed");
  }

  @Test
  void aTaskResumedAfterItsWorkerCrashedContinuesTheTraceAsALinkedSpan() {
    KubeMin leader = cluster.start("leader", Role.API, Role.DISPATCHER);
    KubeMin doomed = cluster.start("doomed", Role.WORKER);
    String appId = leader.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch stuck = cluster.executor.hold(deployment);
    String taskId = leader.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.executor.started(deployment) == 1);

    doomed.crashForTesting();
    cluster.start("survivor", Role.WORKER);
    clock.advance(LEASE.multipliedBy(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.executor.started(deployment) == 2);
    stuck.countDown();
    Task task = awaitEnd(leader, taskId);
    assertThat(task.attempt()).isEqualTo(2);

    SpanData exec = traces.await("kubemin.exec");
    SpanData resumed =
        traces.await(
            s ->
                s.getName().equals("kubemin.task")
                    && Long.valueOf(2).equals(longAttribute(s, "kubemin.task.attempt")));
    System.out.println(traces.describe(exec.getTraceId()));
    assertThat(resumed.getTraceId()).isEqualTo(exec.getTraceId());
    assertThat(attribute(resumed, "kubemin.instance.id")).isEqualTo("survivor");
    assertThat(resumed.getLinks())
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.getSpanContext().getSpanId()).isEqualTo(exec.getSpanId());
              assertThat(link.getAttributes().asMap().values()).contains("resumed");
            });
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }
}
