package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.IngressBackend;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.Port;
import io.kubemin.model.Properties;
import io.kubemin.model.Step;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Labels;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import io.kubemin.workflow.GarbageCollection;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Garbage collection after each successful deploy, against the sandbox cluster. */
class GarbageCollectionOnSandboxIT {
  private static final String STEP = "garbage-collection";
  private static KubeSandbox sandbox;
  private static KubernetesClient client;
  private static KubernetesJobExecutor kubernetes;
  private static FailingDeletes executor;
  private static KubeMin keepingClaims;
  private static KubeMin deletingClaims;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start();
    client = sandbox.client();
    kubernetes = new KubernetesJobExecutor(client);
    executor = new FailingDeletes(kubernetes);
    keepingClaims =
        KubeMin.builder().jobExecutor(executor).defaultJobTimeout(Duration.ofSeconds(5)).build();
    deletingClaims =
        KubeMin.builder()
            .jobExecutor(executor)
            .defaultJobTimeout(Duration.ofSeconds(5))
            .garbageCollection(GarbageCollection.deletingClaims())
            .build();
    keepingClaims.start();
    deletingClaims.start();
  }

  @AfterAll
  static void stop() {
    keepingClaims.close();
    deletingClaims.close();
    kubernetes.close();
    sandbox.close();
  }

  @Test
  void aRemovedComponentsObjectsAreDeletedIngressFirstAndOthersAreUntouched() {
    String ns = "gc-component";
    // A config component: the task marks it applied, which must not stop the collection.
    String appId =
        keepingClaims.createApplication(app("shop", ns, web("api"), settings("settings"))).id();
    deploy(keepingClaims, appId);
    // What an earlier deploy of a component "old" left behind (its deletion never happened).
    Map<String, String> old = labels(appId, "old");
    client.resource(configMap(ns, "old-settings", old)).create();
    client.resource(deployment(ns, "old", old)).create();
    client.resource(service(ns, "old", old)).create();
    client.resource(configMap(ns, "hand-made", Map.of("team", "ops"))).create();
    client.resource(configMap(ns, "other-app", labels("someoneelse00000000000000", "x"))).create();
    awaitListed(kubernetes, appId, JobKind.CONFIG_MAP, "old-settings");
    awaitListed(kubernetes, appId, JobKind.DEPLOYMENT, "old");
    awaitListed(kubernetes, appId, JobKind.SERVICE, "old");

    Task task = deploy(keepingClaims, appId);

    assertThat(names(ns))
        .contains("hand-made", "other-app")
        .doesNotContain("old-settings")
        .anyMatch(n -> n.contains("settings"));
    assertThat(client.apps().deployments().inNamespace(ns).withName("old").get()).isNull();
    assertThat(client.services().inNamespace(ns).withName("old").get()).isNull();
    List<JobRecord> collected = gcRecords(keepingClaims, task.id());
    assertThat(collected)
        .extracting(r -> r.kind().kubernetesKind() + "/" + r.name())
        .containsExactlyInAnyOrder("Deployment/old", "Service/old", "ConfigMap/old-settings");
    assertThat(collected.get(collected.size() - 1).kind()).isEqualTo(JobKind.CONFIG_MAP);
    assertThat(collected).allMatch(r -> r.status() == JobStatus.COMPLETED);
    assertThat(collected).allMatch(r -> r.componentName().equals("old"));

    Task again = deploy(keepingClaims, appId);

    assertThat(gcRecords(keepingClaims, again.id())).isEmpty();
  }

  @Test
  void aRenamedIngressIsReplacedAndTheOldOneDeleted() {
    String ns = "gc-ingress";
    Application first = app("site", ns, withIngress(web("api"), "front"));
    String appId = keepingClaims.createApplication(first).id();
    deploy(keepingClaims, appId);
    assertThat(ingresses(ns)).singleElement().asString().startsWith("ing-front-");

    keepingClaims.createApplication(
        first.toBuilder().id(appId).components(List.of(withIngress(web("api"), "edge"))).build());
    Task task = deploy(keepingClaims, appId);

    assertThat(ingresses(ns)).singleElement().asString().startsWith("ing-edge-");
    assertThat(gcRecords(keepingClaims, task.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.kind()).isEqualTo(JobKind.INGRESS))
        .satisfies(r -> assertThat(r.name()).startsWith("ing-front-"));
  }

  @Test
  void aRemovedTraitsClaimIsKeptByDefault() {
    String ns = "gc-keep";
    Application first = app("files", ns, withVolume(web("api")));
    String appId = keepingClaims.createApplication(first).id();
    deploy(keepingClaims, appId);
    assertThat(claims(ns)).hasSize(1);

    keepingClaims.createApplication(
        first.toBuilder().id(appId).components(List.of(web("api"))).build());
    Task task = deploy(keepingClaims, appId);

    assertThat(claims(ns)).hasSize(1);
    assertThat(gcRecords(keepingClaims, task.id())).isEmpty();
  }

  @Test
  void aRemovedTraitsClaimIsDeletedWhenThePolicySaysSo() {
    String ns = "gc-delete";
    Application first = app("files", ns, withVolume(web("api")));
    String appId = deletingClaims.createApplication(first).id();
    deploy(deletingClaims, appId);
    assertThat(claims(ns)).hasSize(1);

    deletingClaims.createApplication(
        first.toBuilder().id(appId).components(List.of(web("api"))).build());
    Task task = deploy(deletingClaims, appId);

    assertThat(claims(ns)).isEmpty();
    assertThat(gcRecords(deletingClaims, task.id()))
        .extracting(r -> r.kind())
        .containsExactly(JobKind.PERSISTENT_VOLUME_CLAIM);
  }

  @Test
  void theClaimsOfARenderedStatefulSetAreNeverGarbage() {
    String ns = "gc-store";
    String appId = deletingClaims.createApplication(app("db", ns, store("pg"))).id();
    deploy(deletingClaims, appId);
    var set = client.apps().statefulSets().inNamespace(ns).list().getItems().get(0);
    String template = set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    String claim = template + "-" + set.getMetadata().getName() + "-0";
    // What the StatefulSet controller would make: the template's labels, ours.
    client
        .resource(
            new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(claim)
                .withNamespace(ns)
                .withLabels(labels(appId, "pg"))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .endResources()
                .endSpec()
                .build())
        .create();
    awaitListed(kubernetes, appId, JobKind.PERSISTENT_VOLUME_CLAIM, claim);

    Task task = deploy(deletingClaims, appId);

    assertThat(claims(ns)).contains(claim);
    assertThat(gcRecords(deletingClaims, task.id())).isEmpty();
  }

  @Test
  void aTaskAtAnApprovalGateCollectsNothingUntilItIsResumedAndCompletes() throws Exception {
    String ns = "gc-gate";
    Application gated =
        app("gated", ns, web("api")).toBuilder()
            .workflow(
                List.of(
                    Step.builder().name("approve").type(Step.TYPE_SUSPEND).build(),
                    Step.builder().name("deploy").components("api").build()))
            .build();
    String appId = keepingClaims.createApplication(gated).id();
    client.resource(configMap(ns, "leftover", labels(appId, "gone"))).create();
    awaitListed(kubernetes, appId, JobKind.CONFIG_MAP, "leftover");
    String taskId = keepingClaims.exec(appId);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> keepingClaims.task(taskId).status() == TaskStatus.SUSPENDED);

    assertThat(names(ns)).contains("leftover");

    keepingClaims.resume(taskId, "ops");
    Task done = awaitEnd(keepingClaims, taskId);

    assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(TaskStatus.COMPLETED);
    assertThat(names(ns)).doesNotContain("leftover");
  }

  @Test
  void aRollbackKeepsTheClaimOfTheNewerRevisionByDefault() {
    String ns = "gc-rollback";
    Application first = app("files", ns, web("api"));
    String appId = keepingClaims.createApplication(first).id();
    deploy(keepingClaims, appId);
    keepingClaims.createApplication(
        first.toBuilder()
            .id(appId)
            .components(List.of(withVolume(web("api")), web("cache")))
            .build());
    deploy(keepingClaims, appId);

    var result = keepingClaims.rollback(appId, 1, "ops");

    assertThat(awaitEnd(keepingClaims, result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.deletion().deletedResources())
        .anyMatch(r -> r.startsWith("Deployment:" + ns + "/"))
        .noneMatch(r -> r.startsWith("PersistentVolumeClaim:"));
    assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).hasSize(1);
    assertThat(claims(ns)).hasSize(1);
  }

  @Test
  void aDeletionThatFailsFailsTheTaskNamingTheObjectAndTheNextDeployFinishesIt() {
    String ns = "gc-fails";
    String appId = keepingClaims.createApplication(app("shop", ns, web("api"))).id();
    deploy(keepingClaims, appId);
    client.resource(configMap(ns, "stale", labels(appId, "gone"))).create();
    awaitListed(kubernetes, appId, JobKind.CONFIG_MAP, "stale");
    executor.failDeleting("stale");

    Task failed = awaitEnd(keepingClaims, keepingClaims.exec(appId));

    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.error())
        .startsWith("garbage collection incomplete: ConfigMap:" + ns + "/stale")
        .contains("refused by the test");
    assertThat(gcRecords(keepingClaims, failed.id()))
        .extracting(JobRecord::status)
        .containsExactly(JobStatus.FAILED);
    assertThat(names(ns)).contains("stale");

    executor.failDeleting(null);
    deploy(keepingClaims, appId);

    assertThat(names(ns)).doesNotContain("stale");
  }

  /**
   * Waits until the executor's cache lists the object (garbage is listed from the informer cache;
   * an object made a moment before a deploy may be seen only by the next one).
   */
  static void awaitListed(KubernetesJobExecutor executor, String appId, JobKind kind, String name) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                executor.listOwned(kind, appId).stream()
                    .anyMatch(o -> o.getMetadata().getName().equals(name)));
  }

  private static Task deploy(KubeMin kubemin, String appId) {
    Task task = awaitEnd(kubemin, kubemin.exec(appId));
    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
    return task;
  }

  private static Task awaitEnd(KubeMin kubemin, String taskId) {
    try {
      return kubemin.awaitTask(taskId, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<JobRecord> gcRecords(KubeMin kubemin, String taskId) {
    return kubemin.jobs(taskId).stream().filter(r -> STEP.equals(r.stepName())).toList();
  }

  static Application app(String name, String namespace, Component... components) {
    return Application.builder()
        .name(name)
        .namespace(namespace)
        .version("1")
        .components(List.of(components))
        .build();
  }

  static Component web(String name) {
    return Component.builder()
        .name(name)
        .type("webservice")
        .image("nginx:1.27")
        .replicas(1)
        .properties(Properties.builder().ports(List.of(Port.of(80))).build())
        .build();
  }

  private static Component settings(String name) {
    return Component.builder()
        .name(name)
        .type("config")
        .properties(Properties.builder().conf(Map.of("mode", "fast")).build())
        .build();
  }

  private static Component store(String name) {
    StorageTrait data =
        new StorageTrait("data", "persistent", "/data", null, null, null, true, "1Gi", null, null);
    return Component.builder()
        .name(name)
        .type("store")
        .image("postgres:16")
        .replicas(1)
        .properties(Properties.builder().ports(List.of(Port.of(5432))).build())
        .traits(Traits.builder().storage(List.of(data)).build())
        .build();
  }

  static Component withVolume(Component component) {
    StorageTrait data =
        new StorageTrait("data", "persistent", "/data", null, null, null, true, "1Gi", null, null);
    return component.toBuilder().traits(Traits.builder().storage(List.of(data)).build()).build();
  }

  private static Component withIngress(Component component, String name) {
    IngressTrait ingress =
        new IngressTrait(
            name,
            null,
            List.of(name + ".example.com"),
            null,
            null,
            null,
            null,
            null,
            List.of(
                new IngressRoute(
                    "/", null, null, new IngressBackend(component.name(), 80, null, null), null)));
    return component.toBuilder().traits(Traits.builder().ingress(List.of(ingress)).build()).build();
  }

  private static Map<String, String> labels(String appId, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, appId + "-" + component);
    labels.put(Labels.APP_ID, appId);
    labels.put(Labels.COMPONENT_NAME, component);
    return labels;
  }

  private static HasMetadata configMap(String ns, String name, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(labels)
        .endMetadata()
        .withData(Map.of("k", "v"))
        .build();
  }

  private static HasMetadata deployment(String ns, String name, Map<String, String> labels) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static HasMetadata service(String ns, String name, Map<String, String> labels) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(80)
        .endPort()
        .endSpec()
        .build();
  }

  private static List<String> names(String ns) {
    return client.configMaps().inNamespace(ns).list().getItems().stream()
        .map(c -> c.getMetadata().getName())
        .toList();
  }

  private static List<String> ingresses(String ns) {
    return client.network().v1().ingresses().inNamespace(ns).list().getItems().stream()
        .map(i -> i.getMetadata().getName())
        .toList();
  }

  private static List<String> claims(String ns) {
    return client.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
        .map(c -> c.getMetadata().getName())
        .toList();
  }

  /** The Kubernetes executor, with deletions of one object name refused on demand. */
  private static final class FailingDeletes implements JobExecutor {
    private final KubernetesJobExecutor delegate;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    FailingDeletes(KubernetesJobExecutor delegate) {
      this.delegate = delegate;
    }

    void failDeleting(String name) {
      refused.clear();
      if (name != null) {
        refused.add(name);
      }
    }

    @Override
    public boolean supports(JobKind kind) {
      return delegate.supports(kind);
    }

    @Override
    public JobOutcome run(Job job, JobContext context) throws InterruptedException {
      return delegate.run(job, context);
    }

    @Override
    public void cleanup(Job job, JobContext context) {
      delegate.cleanup(job, context);
    }

    @Override
    public boolean delete(Job job) {
      if (refused.contains(job.name())) {
        throw new IllegalStateException("refused by the test");
      }
      return delegate.delete(job);
    }

    @Override
    public List<HasMetadata> listOwned(JobKind kind, String appId) throws InterruptedException {
      return new ArrayList<>(delegate.listOwned(kind, appId));
    }
  }
}
