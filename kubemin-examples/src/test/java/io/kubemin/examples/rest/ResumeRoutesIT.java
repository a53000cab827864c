package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.workflow.TaskStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Approval gates over HTTP, in both dialects: stages and history show them, resume goes on. */
class ResumeRoutesIT {
  private static final String API = RestServer.PREFIX;

  private static Component web(String name) {
    return Component.builder().name(name).type("webservice").image("nginx:1.27").build();
  }

  private static JsonNode data(Answer answer, ApiDialect dialect) {
    return dialect == ApiDialect.CONSOLE ? answer.body().path("data") : answer.body();
  }

  private static JsonNode stage(JsonNode stages, String name) {
    return StreamSupport.stream(stages.spliterator(), false)
        .filter(s -> s.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(ApiDialect.class)
  void aSuspendedTaskIsShownAndResumedOverHttp(ApiDialect dialect) throws Exception {
    try (KubeMin kubemin =
            KubeMin.builder()
                .jobExecutor(new RecordingJobExecutor())
                .shutdownTimeout(Duration.ofMillis(200))
                .build();
        RestServer server =
            RestServer.start(
                kubemin,
                new InetSocketAddress("127.0.0.1", 0),
                List.of(),
                RestSettings.builder().dialect(dialect).build())) {
      kubemin.start();
      RestClient api = new RestClient(server);
      boolean console = dialect == ApiDialect.CONSOLE;
      Application app =
          Application.builder()
              .name("shop")
              .components(List.of(web("db"), web("web")))
              .workflow(
                  Step.builder().name("database").components("db").build(),
                  Step.builder()
                      .name("approve")
                      .type("suspend")
                      .message("check the migration")
                      .timeout("24h")
                      .build(),
                  Step.builder().name("frontend").components("web").build())
              .build();
      String appId = kubemin.createApplication(app).id();
      String other = kubemin.createApplication(app.toBuilder().name("other").build()).id();
      String taskId = kubemin.exec(appId);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> kubemin.task(taskId).status() == TaskStatus.SUSPENDED);

      JsonNode history = data(api.get(API + "/applications/" + appId + "/workflow/tasks"), dialect);
      assertThat(history.path("tasks").get(0).path("status").asText()).isEqualTo("suspended");
      JsonNode stages =
          data(api.get(API + "/workflow/tasks/" + taskId + "/stages"), dialect).path("stages");
      assertThat(stage(stages, "database").path("status").asText()).isEqualTo("completed");
      JsonNode gate = stage(stages, "approve");
      assertThat(gate.path("type").asText()).isEqualTo("suspend");
      assertThat(gate.path("status").asText()).isEqualTo("suspended");
      assertThat(gate.path("info").asText()).contains("check the migration", "times out at");
      assertThat(stage(stages, "frontend").path("status").asText()).isEqualTo("waiting");

      Answer resumed =
          api.post(API + "/workflow/tasks/" + taskId + "/resume", "{\"user\": \"alice\"}");
      assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
      assertThat(data(resumed, dialect).path(console ? "taskId" : "task_id").asText())
          .isEqualTo(taskId);
      assertThat(data(resumed, dialect).path("status").asText()).isEqualTo("waiting");
      assertThat(data(resumed, dialect).path("attempt").asInt()).isEqualTo(2);

      Answer again = api.post(API + "/workflow/tasks/" + taskId + "/resume", "");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body().toString()).contains("20008", "not suspended");
      assertThat(api.post(API + "/workflow/tasks/nope/resume", "").status()).isEqualTo(404);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> kubemin.task(taskId).status() == TaskStatus.COMPLETED);
      stages = data(api.get(API + "/workflow/tasks/" + taskId + "/stages"), dialect).path("stages");
      assertThat(stage(stages, "database").path("status").asText())
          .as("the step run before the gate keeps its jobs")
          .isEqualTo("completed");
      assertThat(stage(stages, "approve").path("status").asText()).isEqualTo("completed");
      assertThat(stage(stages, "approve").path("info").asText()).contains("resumed by alice");
      assertThat(stage(stages, "frontend").path("status").asText()).isEqualTo("completed");

      String second = kubemin.exec(appId);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> kubemin.task(second).status() == TaskStatus.SUSPENDED);
      String appRoute = API + "/applications/" + appId + "/workflow/resume";
      assertThat(api.post(appRoute, "{}").status()).isEqualTo(400);
      assertThat(
              api.post(
                      API + "/applications/" + other + "/workflow/resume",
                      console
                          ? "{\"taskId\": \"" + second + "\"}"
                          : "{\"task_id\": \"" + second + "\"}")
                  .status())
          .isEqualTo(404);
      Answer byApp =
          api.post(
              appRoute,
              console
                  ? "{\"taskId\": \"" + second + "\", \"user\": \"bob\"}"
                  : "{\"task_id\": \"" + second + "\", \"user\": \"bob\"}");
      assertThat(byApp.status()).as(byApp.body().toString()).isEqualTo(200);
      assertThat(kubemin.suspensions(second).get(0).resumedBy()).isEqualTo("bob");
    }
  }
}
