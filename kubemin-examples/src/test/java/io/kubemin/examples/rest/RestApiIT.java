package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.render.Naming;
import io.kubemin.spi.QueueException;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over an engine whose jobs a {@link RecordingJobExecutor} runs. */
class RestApiIT {
  private static final String API = RestServer.PREFIX;
  private static final String SHOP =
      """
      {"name": "shop", "alias": "Shop", "component": [
        {"name": "backend", "type": "webservice", "image": "myapp/backend:v1.0.0",
         "properties": {"ports": [{"port": 8080}], "env": {"LOG_LEVEL": "info"}}},
        {"name": "frontend", "type": "webservice", "image": "myapp/frontend:v1.0.0", "replicas": 2},
        {"name": "legacy-service", "type": "webservice", "image": "myapp/legacy:v1"},
        {"name": "deprecated-worker", "type": "webservice", "image": "myapp/worker:v1"}]}
      """;

  private static final RecordingJobExecutor executor = new RecordingJobExecutor();
  private static KubeMin kubemin;
  private static RestServer server;
  private static RestClient api;

  @BeforeAll
  static void start() throws IOException {
    InMemoryDataStore store = new InMemoryDataStore();
    kubemin =
        KubeMin.builder()
            .dataStore(store)
            .queue(new InMemoryQueue())
            .jobExecutor(executor)
            .shutdownTimeout(Duration.ofMillis(200))
            .build();
    kubemin.start();
    server =
        RestServer.start(
            kubemin, new InetSocketAddress("127.0.0.1", 0), List.of(ReadinessCheck.store(store)));
    api = new RestClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
  }

  @Test
  void theVersionUpdateExamplesUpdateAddAndRemoveComponents() {
    String appId = create(SHOP);

    JsonNode first = update(appId, "01-simple-image-update.json");
    assertThat(first.path("version").asText()).isEqualTo("1.1.0");
    assertThat(first.path("previous_version").asText()).isEqualTo("1.0.0");
    assertThat(first.path("strategy").asText()).isEqualTo("rolling");
    assertThat(first.path("updated_components").toString()).isEqualTo("[\"backend\"]");
    assertThat(first.path("task_id").asText()).hasSize(24);
    assertThat(update(appId, "02-scale-replicas.json").path("updated_components").toString())
        .isEqualTo("[\"backend\"]");
    assertThat(update(appId, "03-add-component.json").path("added_components").toString())
        .isEqualTo("[\"redis-cache\"]");
    JsonNode removal = update(appId, "04-remove-component.json");
    assertThat(removal.path("removed_components").toString()).isEqualTo("[\"legacy-service\"]");
    assertThat(removal.path("deleted_resources").toString())
        .contains("Deployment:default/" + Naming.deployment("legacy-service", appId));
    JsonNode mixed = update(appId, "05-mixed-operations.json");
    assertThat(mixed.path("updated_components").toString()).isEqualTo("[\"backend\",\"frontend\"]");
    assertThat(mixed.path("added_components").toString()).isEqualTo("[\"message-queue\"]");
    assertThat(mixed.path("removed_components").toString()).isEqualTo("[\"deprecated-worker\"]");
    assertThat(update(appId, "06-canary-release.json").path("strategy").asText())
        .isEqualTo("canary");
    assertThat(update(appId, "07-update-env.json").path("updated_components").toString())
        .isEqualTo("[\"backend\"]");
    JsonNode bump = update(appId, "08-version-bump-only.json");
    assertThat(bump.has("task_id")).isFalse();
    assertThat(bump.path("version").asText()).isEqualTo("2.0.0");

    JsonNode components = api.get(API + "/applications/" + appId + "/components").body();
    assertThat(RestApiOnSandboxIT.names(components.path("components")))
        .containsExactlyInAnyOrder("backend", "frontend", "redis-cache", "message-queue");
    JsonNode backend = RestApiOnSandboxIT.component(components, "backend");
    assertThat(backend.path("image").asText()).isEqualTo("myapp/backend:v3.0.0");
    assertThat(backend.path("replicas").asInt()).isEqualTo(3);
    assertThat(backend.path("properties").path("env").path("CACHE_TTL").asText()).isEqualTo("3600");
    assertThat(api.get(API + "/applications/" + appId).text("version")).isEqualTo("2.0.0");
    assertThat(api.get(API + "/applications/" + appId + "/tasks").body().path("tasks")).hasSize(7);
  }

  @Test
  void aBadVersionUpdateIsRefusedWithItsBusinessCode() {
    String appId = create(SHOP.replace("\"shop\"", "\"shop-two\""));
    String path = API + "/applications/" + appId + "/version";

    assertError(api.post(path, "{\"description\": \"no version\"}"), 400, 10000);
    assertError(api.post(path, "{\"version\": \"2\", \"strategy\": \"sideways\"}"), 400, 10012);
    assertError(
        api.post(
            path,
            "{\"version\": \"2\", \"components\": [{\"action\": \"remove\", \"name\": \"nope\"}]}"),
        404,
        10013);
    assertError(
        api.post(
            path,
            "{\"version\": \"2\", \"components\": [{\"action\": \"add\", \"name\": \"Backend\", \"type\": \"webservice\", \"image\": \"x\"}]}"),
        400,
        10015);
    assertError(api.post(path, "{\"version\": 2,"), 400, 10000);
  }

  @Test
  void aRunningTaskBlocksASecondExecUntilItIsCancelled() {
    String appId =
        create(
            "{\"name\": \"slow\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\", \"image\": \"nginx\"}]}");
    executor.neverReady(Naming.deployment("web", appId));
    String exec = API + "/applications/" + appId + "/workflow/exec";
    String first = api.post(exec, "").text("task_id");
    String statusPath = API + "/workflow/tasks/" + first + "/status";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get(statusPath).text("status").equals("running"));

    Answer conflict = api.post(exec, "{}");
    assertError(conflict, 409, 20007);
    assertThat(conflict.text("message")).contains(first);
    assertError(api.delete(API + "/applications/" + appId), 409, 20007);
    String second = api.post(exec, "{\"queue_behind\": true}").text("task_id");
    assertThat(second).isNotEqualTo(first);

    String cancel = API + "/applications/" + appId + "/workflow/cancel";
    Answer cancelled = api.post(cancel, "{\"task_id\": \"" + first + "\", \"user\": \"alice\"}");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.text("task_id")).isEqualTo(first);
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    JsonNode status = api.get(statusPath).body();
    assertThat(status.path("status").asText()).isEqualTo("cancelled");
    assertThat(status.path("error").asText()).isEqualTo("cancelled by alice");
    assertThat(api.post(cancel, "{\"task_id\": \"" + second + "\"}").text("status"))
        .isEqualTo("cancelled");

    JsonNode tasks = api.get(API + "/applications/" + appId + "/tasks").body().path("tasks");
    assertThat(tasks).hasSize(2);
    assertThat(tasks.findValuesAsText("task_revoker")).containsExactlyInAnyOrder("alice", "system");
    assertError(api.post(cancel, "{\"user\": \"bob\"}"), 400, 20000);
    assertError(api.post(cancel, "{\"task_id\": \"nosuchtask\"}"), 404, 20006);
    assertThat(api.delete(API + "/applications/" + appId).status()).isEqualTo(200);
  }

  @Test
  void failuresAnswerWithTheEnvelopeAndTheUpstreamCodes() {
    String unknown = API + "/applications/aaaaaaaaaaaaaaaaaaaaaaaa";
    for (Answer answer :
        List.of(
            api.get(unknown),
            api.get(unknown + "/components"),
            api.get(unknown + "/workflows"),
            api.get(unknown + "/tasks"),
            api.delete(unknown),
            api.delete(unknown + "/resources"),
            api.post(unknown + "/workflow/exec", "{}"),
            api.post(unknown + "/workflow/try", "{\"workflow\": [{\"name\": \"a\"}]}"),
            api.post(
                API + "/applications",
                "{\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaa\", \"name\": \"x1\"}"))) {
      assertError(answer, 404, 10005);
    }
    assertError(api.get(API + "/workflow/tasks/nosuchtask/status"), 404, 20006);

    Answer malformed = api.post(API + "/applications", "{\"name\": ");
    assertError(malformed, 400, 10000);
    Answer wrongType =
        api.post(
            API + "/applications",
            "{\"name\": \"ab\", \"component\": [{\"name\": \"web\", \"replicas\": \"two\"}]}");
    assertError(wrongType, 400, 10000);
    assertThat(wrongType.text("message")).contains("component[0].replicas");
    assertError(api.post(API + "/applications", ""), 400, 10000);

    Answer invalid =
        api.post(API + "/applications", RestClient.example("validation-try/03-invalid-name.json"));
    assertError(invalid, 400, 10020);
    assertThat(RestApiOnSandboxIT.fieldsAndCodes(invalid.body().path("errors")))
        .containsExactly("name INVALID_NAME_FORMAT");
    assertThat(api.get(API + "/applications").body().path("applications").toString())
        .doesNotContain("My_Invalid_App");

    String appId =
        create(
            "{\"name\": \"errs\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\", \"image\": \"nginx\"}]}");
    assertError(api.put(API + "/applications/" + appId + "/workflow", "[1"), 400, 20000);
    assertError(
        api.post(API + "/applications/" + appId + "/workflow/exec", "{\"workflow_id\": 7"),
        400,
        20000);
    assertError(
        api.post(
            API + "/applications/" + appId + "/workflow/exec",
            "{\"workflow_id\": \"bbbbbbbbbbbbbbbbbbbbbbbb\"}"),
        404,
        20005);
    assertError(api.post(API + "/applications/try", "nonsense"), 400, 10000);

    assertError(api.get("/nowhere"), 404, 404);
    assertError(api.get(API + "/applications/" + appId + "/unknown"), 404, 404);
    Answer wrongMethod = api.send("PATCH", API + "/applications", "{}");
    assertError(wrongMethod, 405, 405);
    for (String path : List.of("/workflow", "/workflow/exec", "/workflow/cancel")) {
      Answer answer = api.post(API + path, "{}");
      assertThat(answer.status()).isEqualTo(501);
      assertThat(answer.text("message"))
          .startsWith("custom workflow")
          .endsWith("API not implemented yet");
    }
  }

  @Test
  void templatesListOnlyApplicationsMarkedAsTemplates() {
    String template =
        create(
            "{\"name\": \"base-tpl\", \"tmp_enable\": true, \"component\": [{\"name\": \"web\", \"type\": \"webservice\", \"image\": \"nginx\"}]}");
    String plain =
        create(
            "{\"name\": \"plain\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\", \"image\": \"nginx\"}]}");

    List<String> templates =
        RestApiOnSandboxIT.ids(
            api.get(API + "/applications/templates").body().path("applications"));
    assertThat(templates).contains(template).doesNotContain(plain);
    assertThat(api.get(API + "/applications/" + template).body().path("tmp_enable").asBoolean())
        .isTrue();
  }

  @Test
  void readinessAnswers503NamingTheFailedCheckWithoutItsSecrets() throws IOException {
    ReadinessCheck broken =
        new ReadinessCheck(
            "queue",
            () -> {
              throw new QueueException("cannot reach redis://kubemin:hunter2@queue:6379");
            });
    try (RestServer failing =
        RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 0), List.of(broken))) {
      RestClient client = new RestClient(failing);
      Answer ready = client.get("/readyz");

      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.text("status")).isEqualTo("not ready");
      assertThat(ready.text("error"))
          .startsWith("queue unreachable: cannot reach redis://kubemin:***@");
      assertThat(ready.body().toString()).doesNotContain("hunter2");
      assertThat(client.get("/healthz").status()).isEqualTo(200);
    }
  }

  @Test
  void aClosedServerRefusesConnections() throws IOException {
    RestServer closing =
        RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 0), List.of());
    RestClient client = new RestClient(closing);
    assertThat(client.get("/healthz").status()).isEqualTo(200);

    closing.close();

    List<Throwable> failures = new ArrayList<>();
    try {
      client.get("/healthz");
    } catch (RuntimeException e) {
      failures.add(e);
    }
    assertThat(failures).hasSize(1);
  }

  private static String create(String body) {
    Answer created = api.post(API + "/applications", body);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    return created.text("id");
  }

  private static JsonNode update(String appId, String example) {
    Answer answer =
        api.post(
            API + "/applications/" + appId + "/version",
            RestClient.example("version-update/" + example));
    assertThat(answer.status()).as(example + " " + answer.body()).isEqualTo(200);
    assertThat(answer.text("app_id")).isEqualTo(appId);
    return answer.body();
  }

  private static void assertError(Answer answer, int status, int businessCode) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.body().path("business_code").asInt())
        .as(answer.body().toString())
        .isEqualTo(businessCode);
    assertThat(answer.text("message")).isNotBlank();
  }
}
