package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** In the upstream dialect, a write carrying the mask {@code ***} keeps the stored secret. */
class SecretRoundTripIT {
  private static final String API = RestServer.PREFIX;
  private static final String APP =
      """
      {%s"name": "vault", "component": [
        {"name": "web", "type": "webservice", "image": "nginx:1"},
        {"name": "creds", "type": "secret", "properties": {"secret": {"password": "%s", "user": "admin"}}}]}
      """;

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
  void aReplaceATryAndAVersionUpdateCarryingTheMaskKeepTheStoredSecret() {
    Answer created = api.post(API + "/applications", APP.formatted("", "s3cret"));
    String appId = created.text("id");
    String idField = "\"id\": \"" + appId + "\", ";

    assertThat(api.post(API + "/applications", APP.formatted(idField, "***")).status())
        .isEqualTo(200);
    assertThat(secret(appId)).isEqualTo(Map.of("password", "s3cret", "user", "admin"));

    Answer tried = api.post(API + "/applications/try", APP.formatted(idField, "***"));
    assertThat(tried.body().path("valid").asBoolean()).isTrue();

    Answer updated =
        api.post(
            API + "/applications/" + appId + "/version",
            """
            {"version": "1.0.1", "components": [{"name": "creds",
              "properties": {"secret": {"password": "***", "user": "root"}}}]}
            """);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(secret(appId)).containsEntry("password", "s3cret");
    Answer added =
        api.post(
            API + "/applications/" + appId + "/version",
            """
            {"version": "1.0.2", "components": [{"action": "add", "name": "more", "type": "secret",
              "properties": {"secret": {"token": "***"}}}]}
            """);
    assertThat(added.status()).as("an added component has no stored secret").isEqualTo(400);
    assertThat(added.text("message")).contains("token");

    assertThat(api.post(API + "/applications", APP.formatted(idField, "n3w")).status())
        .isEqualTo(200);
    assertThat(secret(appId)).containsEntry("password", "n3w");
  }

  @Test
  void theMaskOnACreateHasNoStoredValueAndIsRefused() {
    Answer refused =
        api.post(API + "/applications", APP.formatted("", "***").replace("vault", "vault-two"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("business_code").asInt()).isEqualTo(10000);
    assertThat(refused.text("message")).contains("password", "***");
  }

  private static Map<String, String> secret(String appId) {
    return kubemin.components(appId).stream()
        .filter(c -> c.name().equals("creds"))
        .map(ComponentRecord::spec)
        .findFirst()
        .orElseThrow()
        .properties()
        .secret();
  }
}
