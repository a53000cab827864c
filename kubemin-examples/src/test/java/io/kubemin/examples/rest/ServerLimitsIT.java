package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's limits over raw sockets: slow and half-sent requests cannot hold it, oversized and
 * malformed requests get the envelope at once, other hosts and content types are refused.
 */
class ServerLimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KubeMin kubemin;
  private static RestServer server;
  private static int port;

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
    server =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(),
            RestSettings.builder()
                .headerTimeout(Duration.ofMillis(500))
                .bodyTimeout(Duration.ofMillis(700))
                .idleTimeout(Duration.ofSeconds(2))
                .maxBodyBytes(64 * 1024)
                .build());
    port = server.address().getPort();
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
  }

  @Test
  void slowClientsTrickingBytesDoNotStopTheApiAndAreCutOff() throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Socket socket = new Socket("127.0.0.1", port);
      socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
      slow.add(socket);
    }
    for (int second = 0; second < 3; second++) {
      long start = System.nanoTime();
      assertThat(get("/healthz").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      for (Socket socket : slow) {
        try {
          socket.getOutputStream().write('X');
        } catch (IOException e) {
          // cut off already
        }
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    for (Socket socket : slow) {
      assertThat(closedByServer(socket))
          .as("a connection without complete headers is closed after the header timeout")
          .isTrue();
      socket.close();
    }
  }

  @Test
  void aBodyThatNeverComesIs413WhenTooLargeAnd408WhenLate() throws Exception {
    String huge =
        raw(
            "POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 52428800\r\n\r\n");
    assertThat(huge).startsWith("HTTP/1.1 413");
    assertThat(body(huge).path("business_code").asInt()).isEqualTo(413);

    long start = System.nanoTime();
    String late =
        raw(
            "POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"name\":");
    assertThat(late).startsWith("HTTP/1.1 408");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBadRequestLineGetsTheEnvelopeNotAnHtmlPage() throws Exception {
    String answer = raw("GARBAGE\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.").contains(" 400 ", "application/json");
    assertThat(body(answer).path("message").asText()).isEqualTo("malformed HTTP request");
    assertThat(answer).doesNotContain("<html");
  }

  @Test
  void anotherHostNameIsRefusedSoDnsRebindingCannotReadReplies() throws Exception {
    String answer = raw("GET /api/v1/applications HTTP/1.1\r\nHost: evil.example:8000\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403");
    assertThat(body(answer).path("message").asText()).contains("host");
    assertThat(raw("GET /healthz HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void aBodyThatIsNotJsonIs415SoAPlainFormCannotCreateApplications() throws Exception {
    String body = "{\"name\":\"csrf\",\"component\":[]}";
    String answer =
        raw(
            "POST /api/v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    assertThat(answer).startsWith("HTTP/1.1 415");
    assertThat(kubemin.applications()).noneMatch(a -> a.name().equals("csrf"));
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutLibraryNames() throws Exception {
    String nested = "[".repeat(200) + "]".repeat(200);
    HttpResponse<String> answer = post("/api/v1/applications", nested);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).doesNotContain("com.fasterxml", "JsonToken", "Jackson");
    HttpResponse<String> wrongType = post("/api/v1/applications", "{\"name\": [1]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.body()).doesNotContain("JsonToken", "java.");
  }

  @Test
  void largeRepliesAreCompressedForClientsThatAcceptGzip() throws Exception {
    for (int i = 0; i < 20; i++) {
      kubemin.createApplication(
          io.kubemin.model.ModelCodec.json()
              .readApplication(
                  "{\"name\":\"gz-"
                      + i
                      + "\",\"description\":\""
                      + "x".repeat(200)
                      + "\","
                      + "\"component\":[{\"name\":\"web\",\"type\":\"webservice\",\"image\":\"nginx:1\"}]}")
              .value());
    }
    HttpResponse<byte[]> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/applications"))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  @Test
  void aFullHandlerPoolAnswers503() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RestServer busy =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(new ReadinessCheck("slow", () -> release.await(10, TimeUnit.SECONDS))),
            RestSettings.builder().threads(1).queueCapacity(0).build())) {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + busy.address().getPort();
      var blocked =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
              HttpResponse.BodyHandlers.ofString());
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                HttpResponse<String> answer =
                    client.send(
                        HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
              });
      release.countDown();
      assertThat(blocked.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aNonLoopbackAddressNeedsATokenUnlessInsecure() throws Exception {
    assertThatThrownBy(
            () ->
                RestServer.start(
                    kubemin,
                    new InetSocketAddress("0.0.0.0", 0),
                    List.of(),
                    RestSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--token-file")
        .hasMessageContaining("--insecure");
    try (RestServer open =
        RestServer.start(
            kubemin,
            new InetSocketAddress("0.0.0.0", 0),
            List.of(),
            RestSettings.builder().insecure(true).build())) {
      assertThat(open.address().getPort()).isPositive();
    }
  }

  /** Whether the server closed the connection (end of stream or reset) rather than waiting. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(3000);
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Sends bytes as they are and reads until the server closes or stops sending. */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readAll(socket.getInputStream());
    }
  }

  private static String readAll(InputStream in) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd > 0 && complete(text, headerEnd)) {
          break;
        }
      }
    } catch (IOException e) {
      // closed or timed out: what was read is the answer
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean complete(String text, int headerEnd) {
    for (String line : text.substring(0, headerEnd).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring(15).trim());
        return text.length() - headerEnd - 4 >= length;
      }
    }
    return false;
  }

  private static JsonNode body(String answer) throws IOException {
    return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }
}
