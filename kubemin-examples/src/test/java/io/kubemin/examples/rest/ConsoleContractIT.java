package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.ComponentRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every call of the web console's contract ({@code console-contract.md}) in the console dialect:
 * request keys as the console sends them, replies read as the console reads them.
 */
class ConsoleContractIT {
  private static final String API = RestServer.PREFIX;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;
  private static KubeMin kubemin;
  private static RestServer server;
  private static RestClient api;

  @BeforeAll
  static void start() throws IOException {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
    kubemin =
        KubeMin.builder()
            .dataStore(new InMemoryDataStore())
            .queue(new InMemoryQueue())
            .jobExecutor(executor)
            .extension(new KubernetesStatusSync(sandbox.client()))
            .build();
    kubemin.start();
    server =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(),
            RestSettings.builder().dialect(ApiDialect.CONSOLE).build());
    api = new RestClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
    executor.close();
    sandbox.close();
  }

  /** Call 5: the console's create body (tmp_enable in snake_case, component[], workflow[]). */
  private static String create(String name) {
    Answer created = api.post(API + "/applications", consoleApp(name).toString());
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().path("code").asInt()).isZero();
    return data(created).path("id").asText();
  }

  /** An application as the console's forms build it: camelCase trait keys, tmp_enable. */
  private static final String CONSOLE_APP =
      """
      {"name": "%s", "namespace": "default", "version": "1.0.0", "project": "demo-project",
       "description": "demo", "alias": "Demo", "tmp_enable": false,
       "component": [
         {"name": "app-config", "type": "config", "replicas": 1,
          "properties": {"conf": {"database.host": "mysql.default.svc", "log.level": "info"}}},
         {"name": "app-secret", "type": "secret", "replicas": 1,
          "properties": {"secret": {"db.password": "secret123", "api.key": "my-api-key"}}},
         {"name": "mysql", "type": "store", "image": "mysql:8.0", "replicas": 1,
          "properties": {"ports": [{"port": 3306}], "env": {"MYSQL_ROOT_PASSWORD": "root123"}},
          "traits": {"storage": [{"type": "persistent", "name": "mysql-data",
            "mountPath": "/var/lib/mysql", "tmpCreate": true, "size": "1Gi"}]}},
         {"name": "backend", "type": "webservice", "image": "myregistry/backend:v1.0.0",
          "replicas": 2, "properties": {"ports": [{"port": 8080}], "env": {"APP_ENV": "production"}},
          "traits": {"envFrom": [{"type": "configMap", "sourceName": "app-config"},
                                 {"type": "secret", "sourceName": "app-secret"}]}}],
       "workflow": [
         {"name": "config-step", "mode": "StepByStep", "components": ["app-config", "app-secret"]},
         {"name": "database-step", "mode": "DAG", "components": ["mysql"]},
         {"name": "services-step", "mode": "DAG", "components": ["backend"]}]}
      """;

  private static ObjectNode consoleApp(String name) {
    return (ObjectNode) RestClient.tree(CONSOLE_APP.formatted(name));
  }

  private static JsonNode data(Answer answer) {
    assertThat(answer.body().path("code").asInt())
        .as("envelope code of %s", answer.body())
        .isZero();
    assertThat(answer.body().has("message")).isTrue();
    return answer.body().path("data");
  }

  @Test
  void call1And2ListApplicationsAndTemplatesInTheEnvelopeWithTheConsolesKeys() {
    String appId = create("listed-app");

    JsonNode apps = data(api.get(API + "/applications")).path("applications");
    JsonNode app = byId(apps, appId);
    assertThat(fieldNames(app))
        .contains(
            "id",
            "name",
            "alias",
            "project",
            "namespace",
            "version",
            "description",
            "createTime",
            "updateTime",
            "icon",
            "workflow_id",
            "tmp_enable")
        .doesNotContain("create_time", "workflowId", "tmpEnable");
    assertThat(app.path("alias").asText()).isEqualTo("Demo");
    assertThat(app.path("workflow_id").asText()).hasSize(24);

    JsonNode templates = data(api.get(API + "/applications/templates")).path("applications");
    assertThat(templates.isArray()).isTrue();
    assertThat(ids(templates)).doesNotContain(appId);
  }

  @Test
  void call3ComponentsAreNotDeployUntilATaskAppliesThemAndSecretsAreMasked() {
    String appId = create("fresh-app");

    JsonNode components = data(api.get(API + "/applications/" + appId + "/components"));
    JsonNode backend = component(components, "backend");
    assertThat(fieldNames(backend))
        .contains(
            "id",
            "appId",
            "name",
            "namespace",
            "image",
            "replicas",
            "type",
            "properties",
            "traits",
            "status",
            "createTime",
            "updateTime");
    assertThat(components.path("components"))
        .allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("Not Deploy"));
    assertThat(component(components, "app-secret").path("properties").path("secret").toString())
        .contains("***")
        .doesNotContain("secret123");
    assertThat(backend.path("traits").path("envFrom").get(0).path("sourceName").asText())
        .as("traits in camelCase, as the console builds them")
        .isEqualTo("app-config");
    assertThat(
            component(components, "mysql")
                .path("traits")
                .path("storage")
                .get(0)
                .path("mountPath")
                .asText())
        .isEqualTo("/var/lib/mysql");
    assertThat(components.toString()).doesNotContain("env_from", "mount_path", "source_name");
  }

  @Test
  void call4WorkflowsCarryStepsWithWorkflowType() {
    String appId = create("workflow-app");

    JsonNode workflow =
        data(api.get(API + "/applications/" + appId + "/workflows")).path("workflows").get(0);
    assertThat(fieldNames(workflow))
        .contains(
            "id",
            "name",
            "alias",
            "namespace",
            "projectId",
            "description",
            "status",
            "disabled",
            "steps",
            "createTime",
            "updateTime",
            "workflowType");
    JsonNode step = workflow.path("steps").get(0);
    assertThat(fieldNames(step)).contains("name", "workflowType", "mode", "components");
    assertThat(step.path("components").get(0).asText()).isEqualTo("app-config");
  }

  @Test
  void call6TryAnswersValidityWithErrorsAsStrings() {
    ObjectNode invalid = consoleApp("Bad_Name");
    Answer answer = api.post(API + "/applications/try", invalid.toString());

    JsonNode result = data(answer);
    assertThat(result.path("valid").asBoolean()).isFalse();
    assertThat(result.path("errors"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.isTextual()).isTrue());
    assertThat(result.path("errors").get(0).asText()).startsWith("name: ");

    JsonNode valid = data(api.post(API + "/applications/try", consoleApp("good-name").toString()));
    assertThat(valid.path("valid").asBoolean()).isTrue();
  }

  @Test
  void call7ASaveOfWhatTheConsoleReadNeverChangesAStoredSecret() {
    String appId = create("saved-app");
    ObjectNode save = roundTrip(appId);
    save.put("description", "edited in the console");

    Answer saved = api.post(API + "/applications", save.toString());

    assertThat(data(saved).path("description").asText()).isEqualTo("edited in the console");
    assertThat(storedSecret(appId))
        .containsEntry("db.password", "secret123")
        .containsEntry("api.key", "my-api-key");
    assertThat(stored(appId, "backend").traits().envFrom())
        .as("traits survive the round trip")
        .hasSize(2);
    assertThat(stored(appId, "mysql").traits().storage().get(0).mountPath())
        .isEqualTo("/var/lib/mysql");

    ObjectNode changed = roundTrip(appId);
    ((ObjectNode) secretOf(changed)).put("api.key", "rotated");
    data(api.post(API + "/applications", changed.toString()));
    assertThat(storedSecret(appId))
        .containsEntry("db.password", "secret123")
        .containsEntry("api.key", "rotated");
  }

  @Test
  void call7AMaskForAKeyWithoutStoredValueIsRefusedWithAStringMessage() {
    String appId = create("no-such-secret");
    ObjectNode save = roundTrip(appId);
    ((ObjectNode) secretOf(save)).put("new.key", "***");

    Answer refused = api.post(API + "/applications", save.toString());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("code").asInt()).isEqualTo(10000);
    assertThat(refused.body().path("message").asText()).contains("new.key", "***");
    assertThat(storedSecret(appId)).doesNotContainKey("new.key");
  }

  @Test
  void calls8To13PublishFollowCancelAndUpgradeAsTheConsoleDoes() {
    String appId = create("published-app");
    String workflowId =
        data(api.get(API + "/applications/" + appId + "/workflows"))
            .path("workflows")
            .get(0)
            .path("id")
            .asText();

    JsonNode exec =
        data(
            api.post(
                API + "/applications/" + appId + "/workflow/exec",
                "{\"workflowId\":\"" + workflowId + "\"}"));
    String taskId = exec.path("taskId").asText();
    assertThat(taskId).hasSize(24);

    JsonNode status = awaitEnd(taskId);
    assertThat(fieldNames(status))
        .contains("taskId", "status", "workflowId", "workflowName", "appId", "type", "components");
    assertThat(status.path("status").asText()).isEqualTo("completed");
    JsonNode progress = status.path("components").get(0);
    assertThat(fieldNames(progress)).contains("name", "type", "status", "startTime", "endTime");
    assertThat(progress.path("endTime").asLong()).isPositive();

    JsonNode history = data(api.get(API + "/applications/" + appId + "/workflow/tasks"));
    JsonNode task = history.path("tasks").get(0);
    assertThat(task.path("taskId").asText()).isEqualTo(taskId);
    assertThat(fieldNames(task))
        .contains("status", "createTime", "updateTime", "workflowId", "workflowName");

    JsonNode stages = data(api.get(API + "/workflow/tasks/" + taskId + "/stages"));
    assertThat(fieldNames(stages))
        .contains("taskId", "status", "workflowId", "workflowName", "appId", "type", "stages");
    assertThat(stages.path("stages")).hasSizeGreaterThan(3);
    JsonNode first = stages.path("stages").get(0);
    assertThat(first.path("id").isNumber()).isTrue();
    assertThat(first.path("name").asText()).isEqualTo("config-step");
    assertThat(first.path("status").asText()).isEqualTo("completed");
    assertThat(first.path("startTime").isNumber()).isTrue();
    assertThat(first.path("endTime").asLong())
        .isGreaterThanOrEqualTo(first.path("startTime").asLong());
    assertThat(stages.path("stages"))
        .anySatisfy(s -> assertThat(s.path("type").asText()).isEqualTo("deploy"));

    JsonNode cancelled =
        data(
            api.post(
                API + "/applications/" + appId + "/workflow/cancel",
                "{\"taskId\":\"" + taskId + "\"}"));
    assertThat(cancelled.path("status").asText()).isEqualTo("completed");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode components = data(api.get(API + "/applications/" + appId + "/components"));
              assertThat(component(components, "app-config").path("status").asText())
                  .isEqualTo("Running");
              assertThat(component(components, "app-secret").path("status").asText())
                  .isEqualTo("Running");
            });

    Answer upgraded =
        api.post(
            API + "/applications/" + appId + "/version",
            "{\"version\":\"1.0.1\",\"strategy\":\"rolling\",\"description\":\"v2\","
                + "\"components\":[{\"name\":\"backend\",\"image\":\"myregistry/backend:v1.0.1\"}]}");
    assertThat(data(upgraded).path("version").asText()).isEqualTo("1.0.1");
    assertThat(storedSecret(appId)).containsEntry("db.password", "secret123");
  }

  @Test
  void errorsAreEnvelopesWithABusinessCodeAndAStringMessage() {
    Answer missing = api.get(API + "/applications/000000000000000000000000/components");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().path("code").asInt()).isEqualTo(10005);
    assertThat(missing.body().path("message").isTextual()).isTrue();

    Answer noRoute = api.get(API + "/nothing-here");
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.body().path("code").asInt()).isEqualTo(404);
  }

  @Test
  void listsArePagedWithTotal() {
    create("paged-a");
    create("paged-b");

    JsonNode page = data(api.get(API + "/applications?page=1&pageSize=1"));

    assertThat(page.path("applications")).hasSize(1);
    assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(page.path("pageSize").asInt()).isEqualTo(1);
    Answer tooLarge = api.get(API + "/applications?page_size=100000");
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.body().path("message").asText()).contains("page_size");
  }

  /** What the console sends back on save: the app and its components as it read them. */
  private static ObjectNode roundTrip(String appId) {
    JsonNode app = byId(data(api.get(API + "/applications")).path("applications"), appId);
    ObjectNode save = JSON.createObjectNode();
    for (String key :
        List.of(
            "id",
            "name",
            "alias",
            "version",
            "project",
            "description",
            "namespace",
            "icon",
            "tmp_enable")) {
      save.set(key, app.path(key));
    }
    ArrayNode components = save.putArray("component");
    for (JsonNode c :
        data(api.get(API + "/applications/" + appId + "/components")).path("components")) {
      ObjectNode sent = components.addObject();
      for (String key : List.of("name", "type", "image", "replicas", "properties", "traits")) {
        if (c.has(key)) {
          sent.set(key, c.path(key));
        }
      }
    }
    save.set(
        "workflow",
        data(api.get(API + "/applications/" + appId + "/workflows"))
            .path("workflows")
            .get(0)
            .path("steps"));
    return save;
  }

  private static JsonNode secretOf(ObjectNode save) {
    for (JsonNode c : save.path("component")) {
      if (c.path("name").asText().equals("app-secret")) {
        return c.path("properties").path("secret");
      }
    }
    throw new AssertionError("no app-secret component in " + save);
  }

  private static Map<String, String> storedSecret(String appId) {
    return stored(appId, "app-secret").properties().secret();
  }

  private static io.kubemin.model.Component stored(String appId, String name) {
    return kubemin.components(appId).stream()
        .filter(c -> c.name().equals(name))
        .map(ComponentRecord::spec)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode awaitEnd(String taskId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = data(api.get(API + "/workflow/tasks/" + taskId + "/status"));
              return List.of("completed", "failed", "cancelled", "timeout")
                  .contains(last[0].path("status").asText());
            });
    return last[0];
  }

  private static JsonNode byId(JsonNode apps, String id) {
    for (JsonNode app : apps) {
      if (app.path("id").asText().equals(id)) {
        return app;
      }
    }
    throw new AssertionError("no application " + id + " in " + apps);
  }

  private static List<String> ids(JsonNode apps) {
    List<String> ids = new ArrayList<>();
    apps.forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }

  private static JsonNode component(JsonNode body, String name) {
    for (JsonNode c : body.path("components")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no component " + name + " in " + body);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
