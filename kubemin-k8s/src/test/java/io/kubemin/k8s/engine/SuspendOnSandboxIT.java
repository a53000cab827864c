package io.kubemin.k8s.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.IngressBackend;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.Step;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An approval gate against the sandbox cluster: the task deploys the steps before the gate on one
 * instance, waits suspended after that instance closed, and another instance resumes it, deploys
 * the rest and collects the garbage the new definition left.
 */
class SuspendOnSandboxIT {
  private static final String NS = "gate";

  @Test
  void aTaskSuspendedOnAClosedInstanceIsResumedAndFinishedOnAnother() {
    InMemoryDataStore store = new InMemoryDataStore();
    InMemoryQueue queue = new InMemoryQueue();
    try (KubeSandbox sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start();
        KubernetesJobExecutor kubernetes = new KubernetesJobExecutor(sandbox.client())) {
      KubernetesClient client = sandbox.client();
      Application first =
          GarbageCollectionOnSandboxIT.app(
              "shop",
              NS,
              GarbageCollectionOnSandboxIT.web("db"),
              withIngress(GarbageCollectionOnSandboxIT.web("api"), "front"));
      String appId;
      String taskId;
      try (KubeMin a = engine("a", store, queue, kubernetes)) {
        appId = a.createApplication(first).id();
        awaitStatus(a, a.exec(appId), TaskStatus.COMPLETED);
        a.createApplication(
            first.toBuilder()
                .id(appId)
                .components(
                    List.of(
                        GarbageCollectionOnSandboxIT.web("db"),
                        withIngress(GarbageCollectionOnSandboxIT.web("api"), "edge")))
                .workflow(
                    Step.builder().name("database").components("db").build(),
                    Step.builder()
                        .name("approve")
                        .type(Step.TYPE_SUSPEND)
                        .message("is the database healthy?")
                        .build(),
                    Step.builder().name("frontend").components("api").build())
                .build());
        taskId = a.exec(appId);
        awaitStatus(a, taskId, TaskStatus.SUSPENDED);
        assertThat(ingresses(client))
            .as("the step after the gate has not run")
            .singleElement()
            .asString()
            .startsWith("ing-front-");
      }

      try (KubeMin b = engine("b", store, queue, kubernetes)) {
        b.resume(taskId, "alice");
        Task done = awaitStatus(b, taskId, TaskStatus.COMPLETED);

        assertThat(done.attempt()).isEqualTo(2);
        assertThat(ingresses(client)).singleElement().asString().startsWith("ing-edge-");
        assertThat(
                client
                    .apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName(Naming.deployment("db", appId))
                    .get())
            .isNotNull();
        List<JobRecord> jobs = b.jobs(taskId);
        assertThat(jobs)
            .filteredOn(j -> "database".equals(j.stepName()))
            .as("the database step ran once, before the gate")
            .isNotEmpty()
            .allMatch(j -> j.attempt() == 1);
        assertThat(jobs)
            .filteredOn(j -> "frontend".equals(j.stepName()))
            .isNotEmpty()
            .allMatch(j -> j.attempt() == 2);
        assertThat(b.suspensions(taskId).get(0).resumedBy()).isEqualTo("alice");
      }
    }
  }

  private static KubeMin engine(
      String id, InMemoryDataStore store, InMemoryQueue queue, KubernetesJobExecutor executor) {
    KubeMin kubemin =
        KubeMin.builder()
            .instanceId(id)
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .defaultJobTimeout(Duration.ofSeconds(10))
            .dispatchPollInterval(Duration.ofMillis(50))
            .build();
    kubemin.start();
    return kubemin;
  }

  private static Task awaitStatus(KubeMin kubemin, String taskId, TaskStatus status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                kubemin.task(taskId).status() == status
                    || kubemin.task(taskId).status().terminal());
    Task task = kubemin.task(taskId);
    assertThat(task.status()).as(String.valueOf(task.error())).isEqualTo(status);
    return task;
  }

  private static List<String> ingresses(KubernetesClient client) {
    return client.network().v1().ingresses().inNamespace(NS).list().getItems().stream()
        .map(i -> i.getMetadata().getName())
        .toList();
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
}
