package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Port;
import io.kubemin.model.Properties;
import io.kubemin.spi.Role;
import io.kubemin.workflow.TaskStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /applications/:appID/plan} over HTTP against the sandbox, in both dialects. */
class PlanRoutesIT {
  private static final String API = RestServer.PREFIX;
  private static final String PASSWORD = "hunter2-very-secret";

  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
  }

  @AfterAll
  static void stop() {
    executor.close();
    sandbox.close();
  }

  private static Application app(String namespace, String password) {
    return Application.builder()
        .name("shop")
        .namespace(namespace)
        .components(
            List.of(
                Component.builder()
                    .name("api")
                    .type("webservice")
                    .image("nginx:1.27")
                    .replicas(1)
                    .properties(Properties.builder().ports(List.of(Port.of(80))).build())
                    .build(),
                Component.builder()
                    .name("creds")
                    .type("secret")
                    .properties(Properties.builder().secret(Map.of("password", password)).build())
                    .build()))
        .build();
  }

  private static JsonNode data(Answer answer, ApiDialect dialect) {
    return dialect == ApiDialect.CONSOLE ? answer.body().path("data") : answer.body();
  }

  @ParameterizedTest
  @EnumSource(ApiDialect.class)
  void aPlanShowsCreatesBeforeADeployAndNoChangeAfterIt(ApiDialect dialect) throws Exception {
    try (KubeMin kubemin =
            KubeMin.builder()
                .jobExecutor(executor)
                .defaultJobTimeout(Duration.ofSeconds(5))
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
      String namespace = "plan-" + dialect.name().toLowerCase(java.util.Locale.ROOT);
      String appId = kubemin.createApplication(app(namespace, PASSWORD)).id();
      boolean console = dialect == ApiDialect.CONSOLE;

      Answer first = api.get(API + "/applications/" + appId + "/plan");

      assertThat(first.status()).isEqualTo(200);
      JsonNode plan = data(first, dialect);
      assertThat(plan.path("changes").asBoolean()).isTrue();
      assertThat(plan.path(console ? "appId" : "app_id").asText()).isEqualTo(appId);
      assertThat(plan.path("summary").path("create").asInt()).isEqualTo(3);
      assertThat(plan.path("objects").get(0).path(console ? "apiVersion" : "api_version").asText())
          .isEqualTo("v1");
      assertThat(kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30)).status())
          .isEqualTo(TaskStatus.COMPLETED);
      kubemin.createApplication(
          app(namespace, "another-" + PASSWORD).toBuilder().id(appId).build());

      Answer second = api.get(API + "/applications/" + appId + "/plan");

      plan = data(second, dialect);
      assertThat(plan.path("changes").asBoolean()).isTrue();
      assertThat(plan.path("summary").path("update").asInt()).isEqualTo(1);
      assertThat(plan.path("summary").path("unchanged").asInt()).isEqualTo(2);
      JsonNode secret = plan.path("objects").get(0);
      assertThat(secret.path("kind").asText()).isEqualTo("Secret");
      assertThat(secret.path("fields").get(0).path("masked").asBoolean()).isTrue();
      assertThat(second.body().toString()).doesNotContain(PASSWORD);
    }
  }

  @ParameterizedTest
  @EnumSource(ApiDialect.class)
  void aServerWithoutAClusterAnswers501(ApiDialect dialect) throws Exception {
    try (KubeMin kubemin = KubeMin.builder().roles(Role.API).build();
        RestServer server =
            RestServer.start(
                kubemin,
                new InetSocketAddress("127.0.0.1", 0),
                List.of(),
                RestSettings.builder().dialect(dialect).build())) {
      String appId = kubemin.createApplication(app("nowhere", PASSWORD)).id();

      Answer answer = new RestClient(server).get(API + "/applications/" + appId + "/plan");

      assertThat(answer.status()).isEqualTo(501);
      assertThat(answer.body().toString()).contains("plan needs a JobExecutor");
    }
  }
}
