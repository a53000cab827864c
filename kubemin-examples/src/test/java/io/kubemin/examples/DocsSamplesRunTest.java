package io.kubemin.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.examples.docs.ApprovalGates;
import io.kubemin.examples.docs.EngineSetup;
import io.kubemin.examples.docs.MetricsSetup;
import io.kubemin.examples.docs.MySqlStoreSetup;
import io.kubemin.examples.docs.RealClusterEngine;
import io.kubemin.examples.docs.RedisQueueSetup;
import io.kubemin.examples.docs.RenderingSample;
import io.kubemin.examples.docs.RevisionsSample;
import io.kubemin.examples.docs.SandboxTesting;
import io.kubemin.examples.docs.SplitRoles;
import io.kubemin.examples.docs.SpringConfiguration;
import io.kubemin.examples.docs.TemplatesSample;
import io.kubemin.examples.docs.ValidationSample;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.ExternalServices;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Runs the samples of the docs, so what a page shows also works. */
class DocsSamplesRunTest {
  private static final String SHOP =
      """
      {"name": "shop", "component": [{"name": "web", "type": "webservice",
        "image": "nginx:1.27", "properties": {"ports": [{"port": 80}]}}]}
      """;

  private static Application shop() {
    return ModelCodec.json().readApplication(SHOP).value();
  }

  @Test
  void engineSetupRunsATaskOnTheDefaultMemoryStoreAndQueue() throws InterruptedException {
    try (KubeMin kubemin = EngineSetup.build(new RecordingJobExecutor(), "memory", "memory")) {
      kubemin.start();
      String taskId = kubemin.exec(kubemin.createApplication(shop()).id());
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void realClusterEngineDeploysThroughTheClientItIsGiven() {
    try (KubeSandbox cluster = KubeSandbox.start()) {
      List<TaskStatus> ended = new ArrayList<>();
      RealClusterEngine.run(
          cluster.client(),
          kubemin -> {
            String taskId = kubemin.exec(kubemin.createApplication(shop()).id());
            try {
              ended.add(kubemin.awaitTask(taskId, Duration.ofSeconds(60)).status());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(ended).containsExactly(TaskStatus.COMPLETED);
      assertThat(cluster.client().apps().deployments().inNamespace("default").list().getItems())
          .extracting(d -> d.getMetadata().getName())
          .anyMatch(name -> name.startsWith("deploy-web-"));
    }
  }

  @Test
  void sandboxTestingShowsATimeoutForADeploymentThatNeverGetsReady() throws InterruptedException {
    Task task = SandboxTesting.deployWithStuckDeployments(shop(), Duration.ofSeconds(2));
    assertThat(task.status()).isEqualTo(TaskStatus.TIMEOUT);
  }

  @Test
  void metricsSetupCountsFinishedTasksAndTimesStoreCalls() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DataStore store = new InMemoryDataStore();
        Queue queue = new InMemoryQueue();
        KubeMin kubemin = MetricsSetup.build(registry, store, queue, new RecordingJobExecutor())) {
      kubemin.start();
      String taskId = kubemin.exec(kubemin.createApplication(shop()).id());
      kubemin.awaitTask(taskId, Duration.ofSeconds(30));
      assertThat(registry.counter("kubemin.tasks.finished", "outcome", "completed").count())
          .isEqualTo(1.0);
      assertThat(registry.find("kubemin.store.calls").timers()).isNotEmpty();
    }
  }

  @Test
  void revisionsSampleShowsHistoryDiffAndRollsBack() {
    Application v1 =
        ModelCodec.json()
            .readApplication(
                """
                {"name": "shop", "version": "1.0.0", "component": [{"name": "web",
                  "type": "webservice", "image": "nginx:1.27"}]}
                """)
            .value();
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(new RecordingJobExecutor()).build()) {
      kubemin.start();
      String appId = kubemin.createApplication(v1).id();
      kubemin.createApplication(
          v1.toBuilder()
              .id(appId)
              .version("1.1.0")
              .components(List.of(v1.components().get(0).toBuilder().image("nginx:1.28").build()))
              .build());

      assertThat(RevisionsSample.history(kubemin, appId))
          .containsExactly("1 1.0.0 created by system", "2 1.1.0 replaced by system");
      assertThat(RevisionsSample.lastChange(kubemin, appId).changedComponents())
          .containsExactly("web");
      assertThat(RevisionsSample.undo(kubemin, appId, 1, "ops").revision()).isEqualTo(3);
      assertThat(RevisionsSample.history(kubemin, appId))
          .last()
          .isEqualTo("3 1.0.0 rolled back from 2 to 1 by ops");
    }
  }

  @Test
  void approvalGatesSampleNotifiesAndApprovesOnce() throws Exception {
    Application app =
        ModelCodec.json()
            .readApplication(
                """
                {"name": "shop",
                 "component": [
                   {"name": "db", "type": "store", "image": "mariadb:11"},
                   {"name": "web", "type": "webservice", "image": "nginx:1.27"}],
                 "workflow": [
                   {"name": "database", "components": ["db"]},
                   {"name": "approve", "type": "suspend", "timeout": "24h",
                    "message": "check the migration on the dashboard"},
                   {"name": "frontend", "components": ["web"]}]}
                """)
            .value();
    List<String> chat = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (KubeMin kubemin =
        KubeMin.builder()
            .jobExecutor(new RecordingJobExecutor())
            .listener(ApprovalGates.notifier(chat::add))
            .build()) {
      kubemin.start();
      String taskId = kubemin.exec(kubemin.createApplication(app).id());
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> kubemin.task(taskId).status() == TaskStatus.SUSPENDED);

      assertThat(chat.get(0))
          .startsWith("task " + taskId + " waits at 'approve': check the migration")
          .contains("(until ");
      assertThat(ApprovalGates.approve(kubemin, taskId, "alice")).isTrue();
      assertThat(ApprovalGates.approve(kubemin, taskId, "bob")).isFalse();
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(10)).status())
          .isEqualTo(TaskStatus.COMPLETED);
      assertThat(chat).last().isEqualTo("task " + taskId + " approved by alice");
    }
  }

  @Test
  void templatesSampleClonesTheTemplatesComponents() {
    Application template =
        ModelCodec.json()
            .readApplication(
                """
                {"name": "tmpl", "tmp_enable": true, "component": [{"name": "tmpl-db",
                  "type": "store", "image": "mysql:8", "properties": {"ports": [{"port": 3306}]}}]}
                """)
            .value();
    try (KubeMin kubemin = KubeMin.builder().jobExecutor(new RecordingJobExecutor()).build()) {
      ApplicationInfo tenant =
          TemplatesSample.createTenant(
              kubemin,
              template,
              templateId ->
                  ModelCodec.json()
                      .readApplication(
                          """
                          {"name": "tenant-a", "component": [{"name": "tenant-a-db",
                            "template": {"id": "%s", "target": "tmpl-db"}}]}
                          """
                              .formatted(templateId))
                      .value());
      assertThat(kubemin.components(tenant.id()))
          .extracting(c -> c.name())
          .containsExactly("tenant-a-db");
      assertThat(TemplatesSample.templates(kubemin))
          .extracting(ApplicationInfo::name)
          .contains("tmpl");
    }
  }

  @Test
  void renderingSampleListsObjectsInApplyOrderAndMasksNothingItShouldNot() {
    assertThat(RenderingSample.applyOrder(shop(), "abc"))
        .containsExactly("Deployment/deploy-web-abc", "Service/svc-web-abc");
    assertThat(RenderingSample.component(shop(), "web")).hasSize(2);
    assertThat(RenderingSample.dryRun(shop())).contains("kind: Deployment");
  }

  @Test
  void validationSampleNamesTheFieldAndTheRule() {
    assertThat(ValidationSample.errors(SHOP)).isEmpty();
    assertThat(ValidationSample.errors(SHOP.replace("\"web\"", "\"Web_!\"")))
        .anyMatch(line -> line.startsWith("component[0].name "));
  }

  @Test
  void mySqlStoreSampleOpensAnH2FileStoreThroughTheProvider() throws Exception {
    try (DataStore store = MySqlStoreSetup.fromProvider()) {
      assertThat(store.listApplications()).isNotNull();
    }
  }

  @Test
  void redisQueueSamplesConnectToRedis() throws Exception {
    ExternalServices.assumeRedis();
    for (Queue queue :
        List.of(
            RedisQueueSetup.fromProvider(),
            RedisQueueSetup.fromUri(),
            RedisQueueSetup.fromSettings())) {
      try (queue) {
        assertThat(queue.stats("docs-sample-group")).isNotNull();
      }
    }
  }

  @Test
  void splitRolesRunATaskAcrossApiDispatcherAndWorkerInstances() throws InterruptedException {
    try (InMemoryDataStore store = new InMemoryDataStore();
        InMemoryQueue queue = new InMemoryQueue()) {
      RecordingJobExecutor executor = new RecordingJobExecutor();
      List<KubeMin> fleet = SplitRoles.startFleet(store, queue, executor);
      try {
        KubeMin api = fleet.get(2);
        String taskId = api.exec(api.createApplication(shop()).id());
        assertThat(api.awaitTask(taskId, Duration.ofSeconds(30)).status())
            .isEqualTo(TaskStatus.COMPLETED);
        assertThat(executor.started()).isNotEmpty();
      } finally {
        for (int i = fleet.size() - 1; i >= 0; i--) {
          fleet.get(i).close();
        }
      }
    }
  }

  @Test
  void springConfigurationStartsTheEngineWithTheContextAndClosesItWithIt()
      throws InterruptedException {
    try (KubeSandbox sandbox = KubeSandbox.start()) {
      SandboxSpringConfiguration.sandbox = sandbox;
      KubeMin kubemin;
      try (AnnotationConfigApplicationContext context =
          new AnnotationConfigApplicationContext(SandboxSpringConfiguration.class)) {
        kubemin = context.getBean(KubeMin.class);
        String taskId = kubemin.exec(kubemin.createApplication(shop()).id());
        assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(60)).status())
            .isEqualTo(TaskStatus.COMPLETED);
      }
      KubeMin closed = kubemin;
      assertThatThrownBy(closed::applications).isInstanceOf(IllegalStateException.class);
    }
  }

  /** The docs' configuration with the cluster client swapped for the sandbox's, as a test would. */
  static class SandboxSpringConfiguration extends SpringConfiguration {
    static KubeSandbox sandbox;

    @Override
    public KubernetesClient kubernetesClient() {
      return sandbox.newClient();
    }
  }

  @Test
  void secretsAtRestSampleOpensAnEncryptedStoreAndRunsAnEngineOnIt() throws Exception {
    String current = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    byte[] previousKey = new byte[32];
    previousKey[0] = 1;
    String previous = java.util.Base64.getEncoder().encodeToString(previousKey);
    String url = "jdbc:h2:mem:secrets" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (io.kubemin.store.mysql.MySqlDataStore store =
            io.kubemin.examples.docs.SecretsAtRest.openEncrypted(url, current, previous);
        KubeMin kubemin =
            io.kubemin.examples.docs.SecretsAtRest.engine(store, new RecordingJobExecutor())) {
      kubemin.start();
      String taskId = kubemin.exec(kubemin.createApplication(shop()).id());
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void eventsSetupLeavesATaskCompletedEventOnTheDeployment() {
    try (KubeSandbox cluster = KubeSandbox.start()) {
      List<String> appIds = new ArrayList<>();
      io.kubemin.examples.docs.EventsSetup.run(
          cluster.client(),
          kubemin -> {
            String appId = kubemin.createApplication(shop()).id();
            appIds.add(appId);
            try {
              kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(60));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(cluster.client().v1().events().inNamespace("default").list().getItems())
          .anyMatch(
              e ->
                  e.getReason().equals("TaskCompleted")
                      && e.getInvolvedObject().getName().equals("deploy-web-" + appIds.get(0)));
    }
  }
}
