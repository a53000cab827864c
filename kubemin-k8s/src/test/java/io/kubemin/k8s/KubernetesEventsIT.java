package io.kubemin.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events that {@code kubectl describe} shows for a deploy that worked and one that did not. */
class KubernetesEventsIT {
  private KubeSandbox sandbox;
  private KubernetesClient client;
  private KubernetesJobExecutor executor;
  private KubernetesEvents events;
  private KubeMin kubemin;

  @BeforeEach
  void startSandbox() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    client = sandbox.client();
    executor = new KubernetesJobExecutor(client);
    events = new KubernetesEvents(client);
  }

  private void startEngine(Duration jobTimeout) {
    kubemin =
        KubeMin.builder()
            .jobExecutor(executor)
            .listener(events)
            .defaultJobTimeout(jobTimeout)
            .build();
    kubemin.start();
  }

  @AfterEach
  void stop() {
    kubemin.close();
    events.close();
    executor.close();
    sandbox.close();
  }

  @Test
  void aCompletedDeployLeavesANormalEventOnTheDeployment() throws InterruptedException {
    startEngine(Duration.ofMinutes(1));
    String appId = deploy(app("shop"));
    String deployment = "deploy-web-" + appId;

    List<Event> found = awaitEventsOn(deployment, 1);

    assertThat(found)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Normal");
              assertThat(e.getReason()).isEqualTo("TaskCompleted");
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
              assertThat(e.getInvolvedObject().getUid())
                  .isEqualTo(
                      client
                          .apps()
                          .deployments()
                          .inNamespace("default")
                          .withName(deployment)
                          .get()
                          .getMetadata()
                          .getUid());
              assertThat(e.getSource().getComponent()).isEqualTo("kubemin");
              assertThat(e.getMessage()).contains("completed");
            });
  }

  @Test
  void aTimedOutJobLeavesWarningsForTheJobAndTheTask() throws InterruptedException {
    sandbox.neverReady(o -> o.getKind().equals("Deployment"));
    startEngine(Duration.ofSeconds(2));
    String appId = deploy(app("stuck"));
    String deployment = "deploy-web-" + appId;

    List<Event> found = awaitEventsOn(deployment, 2);

    assertThat(found).allMatch(e -> e.getType().equals("Warning"));
    assertThat(found)
        .extracting(Event::getReason)
        .containsExactlyInAnyOrder("JobTimeout", "TaskTimeout");
    assertThat(kubemin.tasks(appId).get(0).status()).isEqualTo(TaskStatus.TIMEOUT);
  }

  @Test
  void aTaskAtAGateLeavesANormalEventSayingWhatItWaitsFor() throws InterruptedException {
    startEngine(Duration.ofMinutes(1));
    Application app =
        ModelCodec.json()
            .readApplication(
                """
                {"name": "gated", "component": [{"name": "web", "type": "webservice",
                  "image": "nginx:1.27", "properties": {"ports": [{"port": 80}]}}],
                 "workflow": [{"name": "deploy", "components": ["web"]},
                              {"name": "approve", "type": "suspend", "message": "smoke test it"}]}
                """)
            .value();
    String appId = kubemin.createApplication(app).id();
    String taskId = kubemin.exec(appId);
    String deployment = "deploy-web-" + appId;

    List<Event> found = awaitEventsOn(deployment, 1);

    assertThat(found)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Normal");
              assertThat(e.getReason()).isEqualTo("TaskSuspended");
              assertThat(e.getMessage()).contains("waits at suspend step approve: smoke test it");
            });
    assertThat(kubemin.task(taskId).status()).isEqualTo(TaskStatus.SUSPENDED);
  }

  private String deploy(Application app) throws InterruptedException {
    String appId = kubemin.createApplication(app).id();
    kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(90));
    return appId;
  }

  private List<Event> awaitEventsOn(String name, int count) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> name.equals(e.getInvolvedObject().getName()))
                    .toList(),
            list -> list.size() >= count);
  }

  private static Application app(String name) {
    return ModelCodec.json()
        .readApplication(
            """
            {"name": "%s", "component": [{"name": "web", "type": "webservice",
              "image": "nginx:1.27", "properties": {"ports": [{"port": 80}]}}]}
            """
                .formatted(name))
        .value();
  }
}
