package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task history and task stages in the upstream dialect (snake_case, bare bodies). */
class TaskHistoryIT {
  private static final String API = RestServer.PREFIX;

  private static KubeMin kubemin;
  private static RestServer server;
  private static RestClient api;

  @BeforeAll
  static void start() throws IOException {
    kubemin =
        KubeMin.builder()
            .dataStore(new InMemoryDataStore())
            .queue(new InMemoryQueue())
            .jobExecutor(new RecordingJobExecutor())
            .shutdownTimeout(Duration.ofMillis(200))
            .build();
    kubemin.start();
    server = RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 0), List.of());
    api = new RestClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
  }

  @Test
  void historyIsNewestFirstAndStagesHaveOneEntryPerStepAndPerJob() throws Exception {
    Answer created =
        api.post(
            API + "/applications",
            """
            {"name": "staged", "component": [
              {"name": "conf", "type": "config", "properties": {"conf": {"a": "1"}}},
              {"name": "web", "type": "webservice", "image": "nginx:1"}]}
            """);
    String appId = created.text("id");
    String first =
        api.post(API + "/applications/" + appId + "/workflow/exec", "{}").text("task_id");
    kubemin.awaitTask(first, Duration.ofSeconds(10));
    String second =
        api.post(API + "/applications/" + appId + "/workflow/exec", "{}").text("task_id");
    kubemin.awaitTask(second, Duration.ofSeconds(10));

    JsonNode history = api.get(API + "/applications/" + appId + "/workflow/tasks").body();
    assertThat(history.path("tasks").get(0).path("task_id").asText()).isEqualTo(second);
    assertThat(history.path("tasks").get(1).path("task_id").asText()).isEqualTo(first);
    assertThat(history.path("total").asInt()).isEqualTo(2);
    assertThat(history.path("page_size").asInt()).isEqualTo(100);
    JsonNode task = history.path("tasks").get(0);
    assertThat(task.path("workflow_name").asText()).isNotBlank();
    assertThat(task.path("create_time").asText()).isNotBlank();
    assertThat(task.path("start_time").asText()).isNotBlank();
    assertThat(task.path("end_time").asText()).isNotBlank();

    JsonNode stages = api.get(API + "/workflow/tasks/" + second + "/stages").body();
    assertThat(stages.path("task_id").asText()).isEqualTo(second);
    assertThat(stages.path("status").asText()).isEqualTo("completed");
    JsonNode all = stages.path("stages");
    assertThat(all.get(0).path("id").asLong()).isEqualTo(1);
    assertThat(all.get(0).path("type").asText()).isEqualTo("step");
    assertThat(all.get(0).path("start_time").isNumber()).isTrue();
    assertThat(all)
        .anySatisfy(s -> assertThat(s.path("type").asText()).isEqualTo("configmap_deploy"));
    assertThat(all).anySatisfy(s -> assertThat(s.path("type").asText()).isEqualTo("deploy"));
    assertThat(all).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("completed"));

    Answer unknown = api.get(API + "/workflow/tasks/000000000000000000000000/stages");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("business_code").asInt()).isEqualTo(20006);
  }
}
