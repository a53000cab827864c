package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.RollbackResult;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Port;
import io.kubemin.model.Properties;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.workflow.GarbageCollection;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revisions and rollback against the sandbox cluster. */
class RollbackOnSandboxIT {
  private static final String NAMESPACE = "rollback";
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
        KubeMin.builder()
            .jobExecutor(executor)
            .defaultJobTimeout(Duration.ofSeconds(5))
            // The second revision's claim goes too (by default garbage collection keeps claims).
            .garbageCollection(GarbageCollection.deletingClaims())
            .build();
    kubemin.start();
  }

  @AfterAll
  static void stop() {
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  private static Component web(String name) {
    return Component.builder()
        .name(name)
        .type("webservice")
        .image("nginx:1.27")
        .replicas(1)
        .properties(Properties.builder().ports(List.of(Port.of(80))).build())
        .build();
  }

  private static Component withVolume(Component component) {
    StorageTrait data =
        new StorageTrait("data", "persistent", "/data", null, null, null, true, "1Gi", null, null);
    return component.toBuilder().traits(Traits.builder().storage(List.of(data)).build()).build();
  }

  private static Component settings() {
    return Component.builder()
        .name("settings")
        .type("config")
        .properties(Properties.builder().conf(Map.of("mode", "fast")).build())
        .build();
  }

  @Test
  void threeRevisionsThenRollbackToTheFirstLeavesOnlyItsObjects() {
    Application first =
        Application.builder()
            .name("shop")
            .namespace(NAMESPACE)
            .version("1")
            .components(List.of(web("api")))
            .build();
    String appId = kubemin.createApplication(first).id();
    deploy(appId);
    List<String> firstObjects = objects();
    kubemin.createApplication(
        first.toBuilder()
            .id(appId)
            .version("2")
            .components(List.of(withVolume(web("api")), web("cache")))
            .build());
    deploy(appId);
    kubemin.createApplication(
        first.toBuilder()
            .id(appId)
            .version("3")
            .components(List.of(withVolume(web("api")), web("cache"), settings()))
            .build());
    deploy(appId);
    List<String> thirdObjects = objects();
    assertThat(thirdObjects)
        .hasSizeGreaterThan(firstObjects.size())
        .anyMatch(o -> o.startsWith("PersistentVolumeClaim/"))
        .anyMatch(o -> o.startsWith("ConfigMap/"));

    RollbackResult result = kubemin.rollback(appId, 1, "ops");

    assertThat(result.from()).isEqualTo(3);
    assertThat(result.revision()).isEqualTo(4);
    assertThat(result.deletion().complete()).isTrue();
    assertThat(awaitEnd(result.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(objects()).containsExactlyInAnyOrderElementsOf(firstObjects);
    assertThat(kubemin.revisions(appId))
        .extracting(RevisionRecord::cause)
        .containsExactly("created", "replaced", "replaced", "rolled back from 3 to 1");
    assertThat(kubemin.taskRevision(result.taskId())).contains(4);
    assertThat(kubemin.application(appId).version()).isEqualTo("1");
  }

  private static void deploy(String appId) {
    Task task = awaitEnd(kubemin.exec(appId));
    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(TaskStatus.COMPLETED);
  }

  private static Task awaitEnd(String taskId) {
    try {
      return kubemin.awaitTask(taskId, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kind/name of the objects in the test's namespace that our executor manages. */
  private static List<String> objects() {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.apps().deployments().inNamespace(NAMESPACE).list().getItems());
    all.addAll(client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems());
    all.addAll(client.services().inNamespace(NAMESPACE).list().getItems());
    all.addAll(client.configMaps().inNamespace(NAMESPACE).list().getItems());
    all.addAll(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems());
    return all.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
