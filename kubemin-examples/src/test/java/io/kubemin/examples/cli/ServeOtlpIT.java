package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubemin serve --otlp-endpoint}: the spans of a deploy reach an OTLP/HTTP receiver (a tiny
 * HTTP endpoint in this JVM) as protobuf POSTs on /v1/traces.
 */
class ServeOtlpIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer collector;

  private record Received(String path, String contentType, byte[] body) {
    boolean mentions(String text) {
      return new String(body, StandardCharsets.ISO_8859_1).contains(text);
    }
  }

  @BeforeEach
  void startCollector() throws Exception {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void theSpansOfADeployArePostedToTheCollectorAsOtlpProtobuf() throws Exception {
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
    Thread serving =
        new Thread(
            () ->
                KubeMinCommand.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute(
                        "serve",
                        "--bind-addr",
                        "127.0.0.1:0",
                        "--sandbox",
                        "--otlp-endpoint",
                        endpoint),
            "serve");
    serving.start();
    String taskId;
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("listening on"));
      assertThat(out.toString()).contains(", traces to " + endpoint + "/v1/traces");
      String base =
          out.toString()
              .lines()
              .filter(l -> l.startsWith("listening on "))
              .findFirst()
              .orElseThrow()
              .substring("listening on ".length());
      String appId =
          field(
              call(
                  base,
                  "POST",
                  "/api/v1/applications",
                  "{\"name\": \"traced\", \"component\": [{\"name\": \"web\", \"type\":"
                      + " \"webservice\", \"image\": \"nginx\"}]}"),
              "id");
      taskId =
          field(
              call(base, "POST", "/api/v1/applications/" + appId + "/workflow/exec", "{}"),
              "task_id");
      String id = taskId;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  field(
                          call(base, "GET", "/api/v1/workflow/tasks/" + id + "/status", null),
                          "status")
                      .equals("completed"));
    } finally {
      serving.interrupt(); // serve closes: the SDK flushes what it holds
      serving.join(Duration.ofSeconds(30).toMillis());
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.stream().anyMatch(r -> r.mentions("k8s.apply")));
    assertThat(received)
        .allSatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/v1/traces");
              assertThat(r.contentType()).isEqualTo("application/x-protobuf");
            });
    assertThat(
            received.stream()
                .anyMatch(r -> r.mentions("POST /api/v1/applications/:appID/workflow/exec")))
        .isTrue();
    assertThat(received.stream().anyMatch(r -> r.mentions("kubemin.task") && r.mentions(taskId)))
        .isTrue();
    assertThat(received.stream().anyMatch(r -> r.mentions("kubemin"))).as("service.name").isTrue();
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefusedNamingTheFlag() {
    int exit =
        KubeMinCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "serve",
                "--bind-addr",
                "127.0.0.1:0",
                "--sandbox",
                "--otlp-endpoint",
                "collector:4318");

    assertThat(exit).isEqualTo(KubeMinCommand.EXIT_CANNOT_RUN);
    assertThat(err.toString())
        .contains("kubemin: serve: --otlp-endpoint must be an http:// or https:// URL")
        .contains("collector:4318");
    assertThat(received).isEmpty();
  }

  private String call(String base, String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String field(String json, String name) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path(name).asText();
  }
}
