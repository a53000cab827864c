package io.kubemin.examples.rest;

import static io.kubemin.testsupport.TraceRecorder.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.queue.kafka.KafkaQueue;
import io.kubemin.queue.kafka.KafkaQueueSettings;
import io.kubemin.queue.redis.RedisQueue;
import io.kubemin.queue.redis.RedisQueueSettings;
import io.kubemin.render.Naming;
import io.kubemin.spi.Queue;
import io.kubemin.spi.Role;
import io.kubemin.testsupport.ExternalServices;
import io.kubemin.testsupport.TraceRecorder;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per deploy across two engine instances sharing a store and a queue (Redis, then Kafka):
 * the REST call on the API instance, its exec and dispatch, the queue hop to the worker instance,
 * the task, its job and the Kubernetes apply and readiness wait, all under one trace id.
 */
class DistributedTracingIT {
  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;
  private static KafkaClusterTestKit kafka;

  private final TraceRecorder traces = new TraceRecorder();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    executor.close();
    sandbox.close();
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    traces.close();
  }

  @Test
  void withRedisTheRestCallTheDispatchTheWorkerAndTheApplyShareOneTrace() {
    ExternalServices.assumeRedis();
    RedisQueueSettings settings =
        RedisQueueSettings.builder()
            .host("127.0.0.1")
            .port(6379)
            .prefix("kubemin-tracing-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    List<SpanData> trace = deployAcrossTwoInstances(() -> new RedisQueue(settings));
    assertThat(attribute(named(trace, "send kubemin-dispatch"), "messaging.system"))
        .isEqualTo("redis");
  }

  @Test
  void withKafkaTheRestCallTheDispatchTheWorkerAndTheApplyShareOneTrace() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    KafkaQueueSettings settings =
        KafkaQueueSettings.builder()
            .bootstrapServers(kafka().bootstrapServers())
            .topicPrefix("tracing-" + unique)
            .groupId("workers-" + unique)
            .partitions(1)
            .replication(1)
            .clientProperty("session.timeout.ms", "4000")
            .clientProperty("heartbeat.interval.ms", "300")
            .build();
    List<SpanData> trace = deployAcrossTwoInstances(() -> new KafkaQueue(settings));
    assertThat(attribute(named(trace, "send kubemin-dispatch"), "messaging.system"))
        .isEqualTo("kafka");
  }

  /** Deploys through the REST API of one instance and a worker on the other; returns the trace. */
  private List<SpanData> deployAcrossTwoInstances(Supplier<Queue> queues) {
    InMemoryDataStore store = new InMemoryDataStore();
    KubeMin api = instance("api", store, queues.get(), Role.API, Role.DISPATCHER);
    instance("worker", store, queues.get(), Role.WORKER);
    RestServer server;
    try {
      server =
          RestServer.start(
              api,
              new InetSocketAddress("127.0.0.1", 0),
              List.of(),
              RestSettings.builder().tracing(traces.openTelemetry()).build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    opened.add(server);
    Component web = Component.builder().name("web").type("webservice").image("nginx:1.27").build();
    String appId =
        api.createApplication(Application.builder().name("shop").components(List.of(web)).build())
            .id();

    RestClient.Answer exec =
        new RestClient(server)
            .post(RestServer.PREFIX + "/applications/" + appId + "/workflow/exec", "{}");
    assertThat(exec.status()).isEqualTo(200);
    String taskId = exec.text("task_id");
    Task task;
    try {
      task = api.awaitTask(taskId, Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);

    SpanData rest = traces.await(s -> s.getKind() == SpanKind.SERVER);
    traces.await("kubemin.task");
    List<SpanData> trace = traces.trace(rest.getTraceId());
    System.out.println(traces.describe(rest.getTraceId()));
    assertThat(rest.getName()).isEqualTo("POST /api/v1/applications/:appID/workflow/exec");
    assertThat(attribute(rest, "http.route"))
        .isEqualTo("/api/v1/applications/:appID/workflow/exec");
    assertThat(attribute(rest, "http.request.method")).isEqualTo("POST");
    assertThat(TraceRecorder.longAttribute(rest, "http.response.status_code")).isEqualTo(200L);
    assertThat(trace)
        .extracting(SpanData::getName)
        .contains(
            "kubemin.exec",
            "send kubemin-dispatch",
            "process kubemin-dispatch",
            "kubemin.task",
            "kubemin.step",
            "kubemin.job",
            "k8s.apply",
            "k8s.readiness");
    assertThat(attribute(named(trace, "kubemin.exec"), "kubemin.instance.id")).isEqualTo("api");
    assertThat(attribute(named(trace, "send kubemin-dispatch"), "kubemin.instance.id"))
        .isEqualTo("api");
    assertThat(attribute(named(trace, "process kubemin-dispatch"), "kubemin.instance.id"))
        .isEqualTo("worker");
    assertThat(attribute(named(trace, "kubemin.task"), "kubemin.instance.id")).isEqualTo("worker");
    SpanData apply = named(trace, "k8s.apply");
    assertThat(apply.getParentSpanId()).isEqualTo(named(trace, "kubemin.job").getSpanId());
    assertThat(attribute(apply, "k8s.namespace.name")).isEqualTo("default");
    assertThat(attribute(apply, "kubemin.job.name")).isEqualTo(Naming.deployment("web", appId));
    return trace;
  }

  private KubeMin instance(String id, InMemoryDataStore store, Queue queue, Role... roles) {
    opened.add(queue);
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .roles(roles)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .tracing(traces.tracing())
            .dispatchPollInterval(Duration.ofMillis(100))
            .shutdownTimeout(Duration.ZERO)
            .build();
    opened.add(kubemin);
    kubemin.start();
    return kubemin;
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static synchronized KafkaClusterTestKit kafka() throws Exception {
    if (kafka == null) {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.min.session.timeout.ms", "2000")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      kafka = cluster;
    }
    return kafka;
  }
}
