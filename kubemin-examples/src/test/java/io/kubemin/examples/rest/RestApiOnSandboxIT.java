package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.RestClient.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.render.Naming;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over an engine that deploys to the in-process Kubernetes API. */
class RestApiOnSandboxIT {
  private static final String API = RestServer.PREFIX;

  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;
  private static KubeMin kubemin;
  private static RestServer server;
  private static RestClient api;

  @BeforeAll
  static void start() throws IOException {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
    InMemoryDataStore store = new InMemoryDataStore();
    InMemoryQueue queue = new InMemoryQueue();
    kubemin =
        KubeMin.builder()
            .dataStore(store)
            .queue(queue)
            .jobExecutor(executor)
            .extension(new KubernetesStatusSync(sandbox.client()))
            .build();
    kubemin.start();
    server =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(
                ReadinessCheck.store(store),
                ReadinessCheck.queue(queue),
                ReadinessCheck.cluster(sandbox.client())));
    api = new RestClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  @Test
  void anApplicationIsCreatedListedDeployedWithLiveStatusAndDeleted() {
    Answer created =
        api.post(API + "/applications", example("validation-try/02-valid-complete-app.json"));
    assertThat(created.status()).isEqualTo(200);
    String appId = created.text("id");
    assertThat(appId).hasSize(24);
    assertThat(created.text("name")).isEqualTo("demo-app");
    assertThat(created.text("project")).isEqualTo("demo-project");
    assertThat(created.text("version")).isEqualTo("1.0.0");
    assertThat(created.text("workflow_id")).hasSize(24);
    assertThat(created.body().path("tmp_enable").asBoolean(true)).isFalse();
    assertThat(created.text("create_time")).isNotBlank();

    assertThat(ids(api.get(API + "/applications").body().path("applications"))).contains(appId);
    assertThat(ids(api.get(API + "/applications/templates").body().path("applications")))
        .doesNotContain(appId);
    assertThat(api.get(API + "/applications/" + appId).body()).isEqualTo(created.body());

    JsonNode components = api.get(API + "/applications/" + appId + "/components").body();
    assertThat(names(components.path("components")))
        .containsExactlyInAnyOrder("app-config", "app-secret", "mysql", "backend");
    JsonNode secret = component(components, "app-secret");
    assertThat(secret.path("properties").path("secret").path("db.password").asText())
        .isEqualTo("***");
    assertThat(components.toString()).doesNotContain("secret123");
    assertThat(secret.path("properties").has("ports")).as("empty lists left out").isFalse();
    assertThat(secret.path("app_id").asText()).isEqualTo(appId);

    Answer exec = api.post(API + "/applications/" + appId + "/workflow/exec", "{}");
    assertThat(exec.status()).isEqualTo(200);
    String taskId = exec.text("task_id");
    JsonNode status = awaitTaskEnd(taskId);
    assertThat(status.path("status").asText()).isEqualTo("completed");
    assertThat(status.path("app_id").asText()).isEqualTo(appId);
    assertThat(status.path("components"))
        .allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("completed"))
        .extracting(c -> c.path("name").asText())
        .contains("app-config", "app-secret", "mysql", "backend");
    assertThat(status.path("components").get(0).path("end_time").asLong()).isPositive();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode live = api.get(API + "/applications/" + appId + "/components").body();
              JsonNode backend = component(live, "backend");
              assertThat(backend.path("status").asText()).isEqualTo("Running");
              assertThat(backend.path("ready_replicas").asInt())
                  .isEqualTo(backend.path("replicas").asInt());
            });
    JsonNode tasks = api.get(API + "/applications/" + appId + "/tasks").body().path("tasks");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).path("task_id").asText()).isEqualTo(taskId);
    assertThat(tasks.get(0).path("status").asText()).isEqualTo("completed");

    Answer resources = api.delete(API + "/applications/" + appId + "/resources");
    assertThat(resources.status()).isEqualTo(200);
    assertThat(resources.text("app_id")).isEqualTo(appId);
    assertThat(resources.body().path("deleted_resources").toString())
        .contains("Deployment:default/" + Naming.deployment("backend", appId));
    assertThat(resources.body().has("failed_resources")).isFalse();
    assertThat(api.get(API + "/applications/" + appId).status()).isEqualTo(200);

    assertThat(api.delete(API + "/applications/" + appId).status()).isEqualTo(200);
    Answer gone = api.get(API + "/applications/" + appId);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("business_code").asInt()).isEqualTo(10005);
  }

  @Test
  void tryAnswersEveryValidationExampleWithItsExpectedErrors() {
    for (String file :
        List.of(
            "01-valid-simple-app.json",
            "02-valid-complete-app.json",
            "03-invalid-name.json",
            "04-invalid-missing-image.json",
            "05-invalid-probe-config.json",
            "06-invalid-nested-sidecar.json",
            "07-invalid-workflow-component-not-found.json",
            "08-invalid-duplicate-components.json",
            "09-invalid-rbac-missing-rules.json",
            "11-valid-with-init-sidecar.json")) {
      String body = example("validation-try/" + file);
      Answer answer = api.post(API + "/applications/try", body);

      List<String> expected = fieldsAndCodes(RestClient.tree(body).path("_expected_errors"));
      assertThat(answer.status()).as(file).isEqualTo(200);
      assertThat(answer.body().path("valid").asBoolean()).as(file).isEqualTo(expected.isEmpty());
      assertThat(fieldsAndCodes(answer.body().path("errors"))).as(file).isEqualTo(expected);
    }
  }

  @Test
  void workflowStepsAreTriedAndWrittenAgainstTheStoredComponents() {
    String appId =
        api.post(API + "/applications", example("validation-try/02-valid-complete-app.json"))
            .text("id");
    String tryBody = example("validation-try/10-try-workflow-request.json");

    Answer tried = api.post(API + "/applications/" + appId + "/workflow/try", tryBody);
    assertThat(tried.status()).isEqualTo(200);
    assertThat(tried.body().path("valid").asBoolean()).isFalse();
    assertThat(fieldsAndCodes(tried.body().path("errors")))
        .containsExactly(
            "workflow[1].components[1] COMPONENT_NOT_FOUND",
            "workflow[2].components[1] COMPONENT_NOT_FOUND");
    Answer triedWithAppId =
        api.post(
            API + "/applications/try",
            "{\"app_id\": \""
                + appId
                + "\", \"workflow\": "
                + RestClient.tree(tryBody).path("workflow")
                + "}");
    assertThat(triedWithAppId.body().path("errors")).isEqualTo(tried.body().path("errors"));

    Answer refused = api.put(API + "/applications/" + appId + "/workflow", tryBody);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("business_code").asInt()).isEqualTo(20000);
    assertThat(refused.body().path("errors")).hasSize(2);

    Answer written =
        api.put(
            API + "/applications/" + appId + "/workflow",
            """
            {"workflow": [
              {"name": "Settings", "mode": "DAG", "components": ["APP-CONFIG", "app-secret"]},
              {"name": "data", "components": ["mysql"]},
              {"name": "front", "properties": {"policies": ["Backend"]}}]}
            """);
    assertThat(written.status()).isEqualTo(200);
    String workflowId = written.text("workflow_id");
    JsonNode workflows =
        api.get(API + "/applications/" + appId + "/workflows").body().path("workflows");
    assertThat(workflows).hasSize(1);
    JsonNode workflow = workflows.get(0);
    assertThat(workflow.path("id").asText()).isEqualTo(workflowId);
    assertThat(workflow.path("namespace").asText()).isEqualTo("default");
    assertThat(workflow.path("project_id").asText()).isEqualTo("demo-project");
    assertThat(workflow.path("steps").get(0).path("name").asText()).isEqualTo("settings");
    assertThat(workflow.path("steps").get(0).path("mode").asText()).isEqualTo("DAG");
    assertThat(workflow.path("steps").get(0).path("components").toString())
        .isEqualTo("[\"app-config\",\"app-secret\"]");
    assertThat(workflow.path("steps").get(2).path("components").toString())
        .isEqualTo("[\"backend\"]");
  }

  @Test
  void livenessAndReadinessAnswerUnderThePrefixAndAtTheRoot() {
    for (String path : List.of("/healthz", "/health", API + "/healthz", API + "/health")) {
      Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.text("status")).isEqualTo("healthy");
    }
    for (String path : List.of("/readyz", "/ready", API + "/readyz", API + "/ready")) {
      Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.text("status")).isEqualTo("ready");
      assertThat(answer.body().path("checks").toString())
          .isEqualTo("{\"store\":\"ok\",\"queue\":\"ok\",\"cluster\":\"ok\"}");
    }
  }

  private static JsonNode awaitTaskEnd(String taskId) {
    String path = API + "/workflow/tasks/" + taskId + "/status";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get(path).text("status"),
            s -> List.of("completed", "failed", "timeout", "cancelled").contains(s));
    return api.get(path).body();
  }

  static List<String> ids(JsonNode applications) {
    List<String> ids = new ArrayList<>();
    applications.forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }

  static List<String> names(JsonNode components) {
    List<String> names = new ArrayList<>();
    components.forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  static JsonNode component(JsonNode body, String name) {
    for (JsonNode component : body.path("components")) {
      if (component.path("name").asText().equals(name)) {
        return component;
      }
    }
    throw new AssertionError("no component " + name + " in " + body);
  }

  static List<String> fieldsAndCodes(JsonNode errors) {
    List<String> result = new ArrayList<>();
    errors.forEach(e -> result.add(e.path("field").asText() + " " + e.path("code").asText()));
    return result;
  }
}
