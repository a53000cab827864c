package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.render.Renderer;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.RenderedObject;
import io.kubemin.testing.UpstreamExamples;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine with the Kubernetes executor and status sync, on one sandbox. */
class EngineOnSandboxIT {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(3);
  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor executor;
  private static KubeMin kubemin;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    client = sandbox.client();
    executor = new KubernetesJobExecutor(client);
    kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .extension(new KubernetesStatusSync(client))
            .defaultJobTimeout(JOB_TIMEOUT)
            .build();
    kubemin.start();
  }

  @AfterAll
  static void stop() {
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  @ParameterizedTest
  @MethodSource("io.kubemin.k8s.ValidExamples#files")
  void everyValidUpstreamExampleDeploys(Path example) {
    Application app = ModelCodec.readApplication(example).value();
    ApplicationInfo created = kubemin.createApplication(withUniqueNamespace(app, example));

    Task task = execAndWait(created.id());

    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
    for (RenderedObject object : rendered(created.id())) {
      assertThat(client.resource(object.object()).get()).as(object.key()).isNotNull();
    }
  }

  @Test
  void anUnchangedReExecWritesNothing() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/02-valid-complete-app.json", "same"));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    Map<String, String> versions = resourceVersions(app.id());

    sandbox.resetRequestCounts();
    Task again = execAndWait(app.id());

    assertThat(again.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(resourceVersions(app.id())).isEqualTo(versions);
    assertThat(sandbox.requestCounts()).doesNotContainKeys("create", "update", "patch", "delete");
  }

  @Test
  void replicasOnlyAndImageOnlyUpdatesReachTheCluster() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/01-valid-simple-app.json", "update"));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    Application stored =
        ModelCodec.readApplication(
                UpstreamExamples.root().resolve("validation-try/01-valid-simple-app.json"))
            .value();
    String component = stored.components().get(0).name();

    kubemin.createApplication(replace(app, "update", c -> c.toBuilder().replicas(4).build()));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(deployment(app.id(), component).getSpec().getReplicas()).isEqualTo(4);

    kubemin.createApplication(
        replace(app, "update", c -> c.toBuilder().replicas(4).image("nginx:9.9").build()));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(
            deployment(app.id(), component)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("nginx:9.9");
  }

  @Test
  void aNeverReadyDeploymentTimesOutAndIsCleanedUp() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/01-valid-simple-app.json", "stuck"));
    neverReadyDeployments(app.id());

    Task task = execAndWait(app.id());

    assertThat(task.status()).isEqualTo(TaskStatus.TIMEOUT);
    assertThat(deploymentsOf(app.id())).isEmpty();
  }

  @Test
  void aCancelDuringAReadinessWaitEndsWithinASecond() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/01-valid-simple-app.json", "cancel"));
    neverReadyDeployments(app.id());
    String taskId = kubemin.exec(app.id());
    await().atMost(Duration.ofSeconds(10)).until(() -> !deploymentsOf(app.id()).isEmpty());

    long start = System.nanoTime();
    kubemin.cancel(app.id(), taskId, "test", "no longer needed");
    await().atMost(Duration.ofSeconds(1)).until(() -> kubemin.task(taskId).status().terminal());

    assertThat(kubemin.task(taskId).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void scaleDownAndDeleteShowInComponentStatus() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/01-valid-simple-app.json", "status"));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    ComponentRecord web = webservice(app.id());
    int replicas =
        web.spec().replicas() == null || web.spec().replicas() <= 0 ? 1 : web.spec().replicas();
    awaitStatus(app.id(), web.id(), ComponentStatus.RUNNING, replicas);

    kubemin.createApplication(
        replace(
            app,
            "status",
            c -> c.name().equals(web.name()) ? c.toBuilder().replicas(replicas + 1).build() : c));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    awaitStatus(app.id(), web.id(), ComponentStatus.RUNNING, replicas + 1);
    deploymentResource(app.id(), web.name()).scale(1);
    awaitStatus(app.id(), web.id(), ComponentStatus.RUNNING, 1);

    deploymentResource(app.id(), web.name()).delete();
    awaitStatus(app.id(), web.id(), ComponentStatus.FAILED, 0);
  }

  @Test
  void deletingAnApplicationDeletesItsObjects() {
    ApplicationInfo app =
        kubemin.createApplication(example("validation-try/02-valid-complete-app.json", "gone"));
    assertThat(execAndWait(app.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    List<RenderedObject> objects = rendered(app.id());

    kubemin.deleteApplication(app.id());

    for (RenderedObject object : objects) {
      assertThat(client.resource(object.object()).get()).as(object.key()).isNull();
    }
  }

  private static void neverReadyDeployments(String appId) {
    sandbox.neverReady(
        o ->
            "Deployment".equals(o.getKind())
                && appId.equals(o.getMetadata().getLabels().get("kube-min-cli-appId")));
  }

  private static List<Deployment> deploymentsOf(String appId) {
    return client
        .apps()
        .deployments()
        .inAnyNamespace()
        .withLabel("kube-min-cli-appId", appId)
        .list()
        .getItems();
  }

  private static Task execAndWait(String appId) {
    String taskId = kubemin.exec(appId);
    await().atMost(Duration.ofSeconds(30)).until(() -> kubemin.task(taskId).status().terminal());
    return kubemin.task(taskId);
  }

  private static void awaitStatus(
      String appId, String componentId, ComponentStatus status, int ready) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ComponentRecord record =
                  kubemin.components(appId).stream()
                      .filter(c -> c.id().equals(componentId))
                      .findFirst()
                      .orElseThrow();
              assertThat(record.status()).isEqualTo(status);
              assertThat(record.readyReplicas()).isEqualTo(ready);
            });
  }

  private static ComponentRecord webservice(String appId) {
    return kubemin.components(appId).stream()
        .filter(c -> "webservice".equals(c.spec().type()))
        .findFirst()
        .orElseThrow();
  }

  private static List<RenderedObject> rendered(String appId) {
    ApplicationInfo info = kubemin.application(appId);
    List<ComponentRecord> components = kubemin.components(appId);
    Application app =
        Application.builder()
            .name(info.name())
            .namespace(info.namespace())
            .components(components.stream().map(ComponentRecord::spec).toList())
            .build();
    Map<String, String> ids =
        components.stream().collect(Collectors.toMap(ComponentRecord::name, ComponentRecord::id));
    return Renderer.builder().build().render(app, appId, ids).objects();
  }

  private static Map<String, String> resourceVersions(String appId) {
    return rendered(appId).stream()
        .collect(
            Collectors.toMap(
                RenderedObject::key,
                o -> {
                  HasMetadata deployed = client.resource(o.object()).get();
                  return deployed.getMetadata().getResourceVersion();
                }));
  }

  private static io.fabric8.kubernetes.client.dsl.Resource<Deployment> deploymentResource(
      String appId, String component) {
    var found =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel("kube-min-cli-appId", appId)
            .withLabel("kube-min-cli-componentName", component)
            .list()
            .getItems();
    assertThat(found).hasSize(1);
    return client
        .apps()
        .deployments()
        .inNamespace(found.get(0).getMetadata().getNamespace())
        .withName(found.get(0).getMetadata().getName());
  }

  private static Deployment deployment(String appId, String component) {
    return deploymentResource(appId, component).get();
  }

  private static Application example(String file, String namespace) {
    Path path = UpstreamExamples.root().resolve(file);
    return withUniqueNamespace(ModelCodec.readApplication(path).value(), Path.of(namespace));
  }

  private static Application withUniqueNamespace(Application app, Path example) {
    String namespace =
        example.getFileName().toString().replaceAll("\\.json$", "").replaceAll("[^a-z0-9-]", "-");
    return app.toBuilder()
        .namespace(namespace)
        .components(
            app.components().stream().map(c -> c.toBuilder().namespace(namespace).build()).toList())
        .build();
  }

  private static Application replace(
      ApplicationInfo info, String namespace, UnaryOperator<Component> change) {
    Application current =
        Application.builder()
            .id(info.id())
            .name(info.name())
            .namespace(info.namespace())
            .components(
                kubemin.components(info.id()).stream()
                    .map(ComponentRecord::spec)
                    .map(change)
                    .toList())
            .build();
    return current;
  }
}
