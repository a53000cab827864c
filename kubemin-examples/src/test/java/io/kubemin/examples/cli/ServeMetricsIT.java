package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubemin serve --metrics}: Prometheus scrapes the documented meters after a deploy. */
class ServeMetricsIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void afterADeployMetricsAnswersWithTheDocumentedMetersBehindTheToken() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "metrics-test-token\n");
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
                        "--metrics",
                        "--token-file",
                        token.toString()),
            "serve");
    serving.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("listening on"));
      assertThat(out.toString()).contains(", metrics at /metrics");
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
                  "{\"name\": \"metered\", \"component\": [{\"name\": \"web\", \"type\":"
                      + " \"webservice\", \"image\": \"nginx\"}]}"),
              "id");
      String taskId =
          field(
              call(base, "POST", "/api/v1/applications/" + appId + "/workflow/exec", "{}"),
              "task_id");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  field(
                          call(base, "GET", "/api/v1/workflow/tasks/" + taskId + "/status", null),
                          "status")
                      .equals("completed"));

      HttpResponse<String> anonymous = scrape(base, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);

      HttpResponse<String> scraped = scrape(base, "metrics-test-token");
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(scraped.body())
          .contains(
              "kubemin_tasks_finished_total{outcome=\"completed\"} 1.0",
              "kubemin_job_duration_seconds_count{kind=\"Deployment\",outcome=\"completed\"}",
              "kubemin_store_calls_seconds_count{operation=",
              "kubemin_queue_calls_seconds_count{operation=\"ack\",outcome=\"success\"}",
              "kubemin_tasks_active{status=\"running\"}",
              "kubemin_queue_backlog{group=\"workflow-workers\"}",
              "kubemin_leases_renewals_total{outcome=\"renewed\"}",
              "kubemin_leases_expired_total",
              "kubemin_informer_event_lag_seconds_count");
    } finally {
      serving.interrupt();
      serving.join(Duration.ofSeconds(30).toMillis());
    }
  }

  private String call(String base, String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer metrics-test-token")
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

  private HttpResponse<String> scrape(String base, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/metrics"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
