package io.kubemin.k8s.engine;

import static io.kubemin.k8s.engine.GarbageCollectionOnSandboxIT.app;
import static io.kubemin.k8s.engine.GarbageCollectionOnSandboxIT.web;
import static io.kubemin.k8s.engine.GarbageCollectionOnSandboxIT.withVolume;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.model.RbacRule;
import io.kubemin.model.RbacTrait;
import io.kubemin.model.Traits;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.FieldChange;
import io.kubemin.plan.ObjectChange;
import io.kubemin.plan.PlanAction;
import io.kubemin.plan.PlanMethod;
import io.kubemin.render.Labels;
import io.kubemin.render.Renderer;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plans against the sandbox (server-side apply dry run) and fabric8's plain CRUD mock server. */
class PlanOnSandboxIT {
  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor executor;
  private static KubeMin kubemin;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start();
    client = sandbox.client();
    executor = new KubernetesJobExecutor(client);
    kubemin =
        KubeMin.builder().jobExecutor(executor).defaultJobTimeout(Duration.ofSeconds(5)).build();
    kubemin.start();
  }

  @AfterAll
  static void stop() {
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  private static Component secret(String name, String password) {
    return Component.builder()
        .name(name)
        .type("secret")
        .properties(Properties.builder().secret(Map.of("password", password)).build())
        .build();
  }

  @Test
  void beforeADeployEverythingIsCreatedAfterItNothingChanges() {
    String appId =
        kubemin
            .createApplication(app("plan", "plan-first", web("api"), secret("db", "s3cr3t")))
            .id();

    ApplicationPlan before = kubemin.plan(appId);

    assertThat(before.hasChanges()).isTrue();
    assertThat(before.objects())
        .extracting(ObjectChange::kind)
        .containsExactly("Secret", "Deployment", "Service");
    assertThat(before.objects()).allMatch(o -> o.action() == PlanAction.CREATE);

    deploy(appId);
    ApplicationPlan after = kubemin.plan(appId);

    assertThat(after.hasChanges()).as(after.toString()).isFalse();
    assertThat(after.objects()).allMatch(o -> o.action() == PlanAction.UNCHANGED);
    assertThat(after.objects()).allMatch(o -> o.method() == PlanMethod.SERVER_DRY_RUN);
  }

  @Test
  void theCompleteUpstreamExampleIsUnchangedAfterItsDeploy() {
    Application example =
        io.kubemin.model.ModelCodec.readApplication(
                io.kubemin.testing.UpstreamExamples.root()
                    .resolve("validation-try/02-valid-complete-app.json"))
            .value();
    Application app =
        example.toBuilder()
            .namespace("plan-complete")
            .components(
                example.components().stream()
                    .map(c -> c.toBuilder().namespace("plan-complete").build())
                    .toList())
            .build();
    String appId = kubemin.createApplication(app).id();
    assertThat(kubemin.plan(appId).count(PlanAction.CREATE)).isEqualTo(11);

    deploy(appId);
    ApplicationPlan after = kubemin.plan(appId);

    assertThat(after.hasChanges()).as(after.toString()).isFalse();
    assertThat(after.objects())
        .extracting(ObjectChange::kind)
        .contains("StatefulSet", "Ingress", "Role", "ConfigMap", "Secret");
    assertThat(after.objects()).allMatch(o -> o.action() == PlanAction.UNCHANGED);
  }

  @Test
  void anUpdateNamesTheFieldsAndMasksSecretData() {
    Application first = app("plan", "plan-update", web("api"), secret("db", "s3cr3t"));
    String appId = kubemin.createApplication(first).id();
    deploy(appId);
    Application changed =
        first.toBuilder()
            .id(appId)
            .components(
                List.of(web("api").toBuilder().replicas(3).build(), secret("db", "n3w-pa55")))
            .build();

    ApplicationPlan plan = kubemin.plan(changed);

    assertThat(plan.hasChanges()).isTrue();
    ObjectChange deployment = only(plan, "Deployment");
    assertThat(deployment.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(deployment.method()).isEqualTo(PlanMethod.SERVER_DRY_RUN);
    assertThat(deployment.fields())
        .extracting(FieldChange::describe)
        .containsExactly("spec.replicas: 1 -> 3");
    ObjectChange secret = only(plan, "Secret");
    assertThat(secret.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(secret.fields())
        .extracting(FieldChange::describe)
        .contains("data.password: data changed");
    assertThat(secret.fields()).allMatch(f -> f.before() == null && f.after() == null);
    assertThat(plan.toString())
        .doesNotContain("s3cr3t", "n3w-pa55", base64("s3cr3t"), base64("n3w-pa55"));
    assertThat(only(plan, "Service").action()).isEqualTo(PlanAction.UNCHANGED);
    // Nothing was written: the deployed objects are as they were.
    assertThat(kubemin.plan(appId).hasChanges()).isFalse();
  }

  @Test
  void garbageIsPlannedForDeletionAndAKeptClaimIsNamed() {
    Application first = app("plan", "plan-garbage", withVolume(web("api")));
    String appId = kubemin.createApplication(first).id();
    deploy(appId);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.APP_ID, appId);
    labels.put(Labels.COMPONENT_NAME, "old");
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("old-settings")
                .withNamespace("plan-garbage")
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    GarbageCollectionOnSandboxIT.awaitListed(executor, appId, JobKind.CONFIG_MAP, "old-settings");
    kubemin.createApplication(first.toBuilder().id(appId).components(List.of(web("api"))).build());

    ApplicationPlan plan = kubemin.plan(appId);

    assertThat(plan.objects())
        .filteredOn(o -> o.action() == PlanAction.DELETE)
        .extracting(ObjectChange::describe)
        .containsExactly("ConfigMap/plan-garbage/old-settings");
    assertThat(only(plan, "PersistentVolumeClaim").action()).isEqualTo(PlanAction.NONE);
    assertThat(only(plan, "PersistentVolumeClaim").note())
        .contains("gc.deletePersistentVolumeClaims");
    assertThat(only(plan, "Deployment").action()).isEqualTo(PlanAction.UPDATE);
  }

  @Test
  void anRbacObjectSomeoneElseOwnsIsLeftAlone() {
    String ns = "plan-rbac";
    client
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName("runner")
                .withNamespace(ns)
                .endMetadata()
                .build())
        .create();
    RbacTrait rbac =
        new RbacTrait(
            "runner",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new RbacRule(List.of(""), List.of("pods"), null, null, List.of("get"))),
            null);
    Component api =
        web("api").toBuilder().traits(Traits.builder().rbac(List.of(rbac)).build()).build();
    String appId = kubemin.createApplication(app("plan", ns, api)).id();

    ObjectChange account = only(kubemin.plan(appId), "ServiceAccount");

    assertThat(account.action()).isEqualTo(PlanAction.NONE);
    assertThat(account.note()).contains("not managed by this application");
  }

  @Test
  void aServerWithoutServerSideApplyIsComparedClientSide() {
    KubernetesMockServer plain =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    plain.init();
    try (KubernetesClient plainClient = plain.createClient();
        KubernetesJobExecutor plainExecutor = new KubernetesJobExecutor(plainClient);
        KubeMin planner = KubeMin.builder().jobExecutor(plainExecutor).build()) {
      Application first = app("plan", "plan-plain", web("api"), secret("db", "s3cr3t"));
      String appId = planner.createApplication(first).id();
      // Deployed by hand as the engine would have rendered it (the plain server cannot apply).
      Map<String, String> ids = new LinkedHashMap<>();
      planner.components(appId).forEach(c -> ids.put(c.name(), c.id()));
      for (var object :
          Renderer.builder()
              .build()
              .render(first.toBuilder().id(appId).build(), appId, ids)
              .objects()) {
        plainClient.resource(object.object()).create();
      }

      ApplicationPlan same = planner.plan(appId);

      assertThat(same.hasChanges()).as(same.toString()).isFalse();
      assertThat(same.objects()).allMatch(o -> o.method() == PlanMethod.CLIENT_COMPARISON);
      assertThat(same.objects().get(0).note()).startsWith("no server dry run: HTTP ");

      ApplicationPlan changed =
          planner.plan(
              first.toBuilder()
                  .id(appId)
                  .components(
                      List.of(web("api").toBuilder().replicas(2).build(), secret("db", "other")))
                  .build());

      assertThat(only(changed, "Deployment").fields())
          .extracting(FieldChange::describe)
          .containsExactly("spec.replicas: 1 -> 2");
      assertThat(only(changed, "Secret").fields())
          .extracting(FieldChange::describe)
          .containsExactly("data.password: data changed");
      assertThat(changed.toString()).doesNotContain("s3cr3t", "other", base64("other"));
    } finally {
      plain.destroy();
    }
  }

  private static ObjectChange only(ApplicationPlan plan, String kind) {
    return plan.objects().stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Task deploy(String appId) {
    try {
      Task task = kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30));
      assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
      return task;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
