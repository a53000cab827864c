package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Properties;
import io.kubemin.testing.RecordingJobExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Revisions, compare and rollback over HTTP, in both dialects. */
class RevisionRoutesIT {
  private static final String API = RestServer.PREFIX;
  private static final String PASSWORD = "hunter2-very-secret";

  private static Component web(String name) {
    return Component.builder().name(name).type("webservice").image("nginx:1.27").build();
  }

  private static Component secret() {
    return Component.builder()
        .name("creds")
        .type("secret")
        .properties(Properties.builder().secret(Map.of("password", PASSWORD)).build())
        .build();
  }

  /** The answer's payload: the body itself (upstream) or its {@code data} (console). */
  private static JsonNode data(Answer answer, ApiDialect dialect) {
    return dialect == ApiDialect.CONSOLE ? answer.body().path("data") : answer.body();
  }

  @ParameterizedTest
  @EnumSource(ApiDialect.class)
  void revisionsAreListedShownComparedAndRolledBack(ApiDialect dialect) throws Exception {
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
      Application app =
          Application.builder()
              .name("shop")
              .version("1")
              .components(List.of(web("api"), secret()))
              .build();
      String appId = kubemin.createApplication(app).id();
      kubemin.createApplication(
          app.toBuilder()
              .id(appId)
              .version("2")
              .components(List.of(web("api"), secret(), web("cache")))
              .build());
      String base = API + "/applications/" + appId;
      boolean console = dialect == ApiDialect.CONSOLE;

      JsonNode listing = data(api.get(base + "/revisions"), dialect);
      assertThat(listing.path("revisions")).hasSize(2);
      assertThat(listing.path("revisions").get(1).path("cause").asText()).isEqualTo("replaced");
      assertThat(
              listing
                  .path("revisions")
                  .get(0)
                  .path(console ? "contentHash" : "content_hash")
                  .asText())
          .hasSize(64);

      Answer one = api.get(base + "/revisions/1");
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.body().toString()).doesNotContain(PASSWORD).contains("***");
      assertThat(data(one, dialect).path("components")).hasSize(2);

      JsonNode diff = data(api.get(base + "/revisions/1/compare/2"), dialect);
      assertThat(diff.path(console ? "addedComponents" : "added_components").get(0).asText())
          .isEqualTo("cache");

      assertThat(api.get(base + "/revisions/7").status()).isEqualTo(404);
      assertThat(api.get(base + "/revisions/x").status()).isEqualTo(400);
      assertThat(api.post(base + "/rollback", "{}").status()).isEqualTo(400);

      Answer rolled = api.post(base + "/rollback", "{\"revision\": 1, \"user\": \"ops\"}");
      assertThat(rolled.status()).as(rolled.body().toString()).isEqualTo(200);
      JsonNode result = data(rolled, dialect);
      assertThat(result.path("from").asInt()).isEqualTo(2);
      assertThat(result.path("revision").asInt()).isEqualTo(3);
      String taskId = result.path(console ? "taskId" : "task_id").asText();
      assertThat(kubemin.awaitTask(taskId, Duration.ofSeconds(10)).status().jsonName())
          .isEqualTo("completed");
      assertThat(kubemin.revision(appId, 3).author()).isEqualTo("ops");
    }
  }
}
