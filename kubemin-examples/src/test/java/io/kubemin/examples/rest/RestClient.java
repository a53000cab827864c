package io.kubemin.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** Calls the REST API over HTTP and reads the answers as JSON trees (for tests). */
public final class RestClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  RestClient(RestServer server) {
    this("http://127.0.0.1:" + server.address().getPort());
  }

  /** A client of the API at this base URL, such as {@code http://127.0.0.1:8000}. */
  public RestClient(String base) {
    this.base = base;
  }

  /**
   * An answer: status and body.
   *
   * @param status HTTP status
   * @param body the JSON body
   */
  public record Answer(int status, JsonNode body) {
    /** A top-level field as text. */
    public String text(String field) {
      return body.path(field).asText();
    }
  }

  /** GET. */
  public Answer get(String path) {
    return send("GET", path, null);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  /** POST a body. */
  public Answer post(String path, String body) {
    return send("POST", path, body);
  }

  Answer put(String path, String body) {
    return send("PUT", path, body);
  }

  /**
   * Sends a request.
   *
   * @throws UncheckedIOException when the server cannot be reached
   */
  public Answer send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An upstream example body, such as {@code validation-try/02-valid-complete-app.json}. */
  static String example(String relativePath) {
    try {
      return Files.readString(io.kubemin.testing.UpstreamExamples.root().resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
