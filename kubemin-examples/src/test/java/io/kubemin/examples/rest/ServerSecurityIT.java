package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer token, CORS, TLS and the console's files. */
class ServerSecurityIT {
  private static final String TOKEN = "a-long-enough-test-token-0123456789";
  private static final String CONSOLE = "https://console.example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static KubeMin kubemin;
  private static RestServer server;
  private static String base;

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
    Path ui = Files.createDirectories(dir.resolve("ui"));
    Files.writeString(ui.resolve("index.html"), "<!doctype html><title>console</title>");
    Files.createDirectories(ui.resolve("assets"));
    Files.writeString(ui.resolve("assets/index-4f2a9c1b.js"), "console.log('app')");
    Files.writeString(dir.resolve("secret.txt"), "outside the console directory");
    server =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(),
            RestSettings.builder()
                .dialect(ApiDialect.CONSOLE)
                .token(TOKEN)
                .corsOrigin(CONSOLE)
                .consoleUi(ui)
                .build());
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterAll
  static void stop() {
    server.close();
    kubemin.close();
  }

  @Test
  void theApiNeedsTheBearerTokenAndAnswers401InTheDialectsEnvelope() throws Exception {
    HttpResponse<String> without = send("GET", "/api/v1/applications", null, null);
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    JsonNode envelope = JSON.readTree(without.body());
    assertThat(envelope.path("code").asInt()).isEqualTo(401);
    assertThat(envelope.path("message").asText()).contains("token");

    assertThat(
            send("GET", "/api/v1/applications", "Bearer wrong-token-of-some-length", null)
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> with = send("GET", "/api/v1/applications", "Bearer " + TOKEN, null);
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(with.body()).path("code").asInt()).isZero();

    assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void theAccessLogHasMethodPathStatusAndDurationButNoTokenOrBody() throws Exception {
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("io.kubemin.examples.rest.access");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    ch.qos.logback.classic.Level level = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.INFO);
    access.addAppender(lines);
    try {
      send(
          "POST", "/api/v1/applications/try?x=1", "Bearer " + TOKEN, "{\"name\": \"s3cret-body\"}");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !lines.list.isEmpty());
    } finally {
      access.detachAppender(lines);
      access.setLevel(level);
    }
    String line = lines.list.get(0).getFormattedMessage();
    assertThat(line).matches("POST /api/v1/applications/try 4\\d\\d \\d+ ms");
    assertThat(line).doesNotContain(TOKEN, "s3cret-body", "x=1");
  }

  @Test
  void aPreflightFromTheConfiguredOriginIsAnsweredAndOthersAreRefused() throws Exception {
    HttpResponse<String> preflight =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", CONSOLE)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("Authorization", "Content-Type");

    HttpResponse<String> call =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                    .header("Origin", CONSOLE)
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);

    HttpResponse<String> other =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                    .header("Origin", "https://evil.example")
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void theConsoleIsServedWithTypesAndCachingAndUnknownPathsGetIndexHtml() throws Exception {
    HttpResponse<String> index = send("GET", "/", null, null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(index.body()).contains("<title>console</title>");

    HttpResponse<String> asset = send("GET", "/assets/index-4f2a9c1b.js", null, null);
    assertThat(asset.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(asset.headers().firstValue("Cache-Control").orElse("")).contains("immutable");

    HttpResponse<String> route = send("GET", "/applications/abc/detail", null, null);
    assertThat(route.statusCode()).isEqualTo(200);
    assertThat(route.body()).contains("<title>console</title>");

    assertThat(send("GET", "/api/v1/no-such-route", "Bearer " + TOKEN, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void noPathReachesAFileOutsideTheConsoleDirectory() throws Exception {
    for (String path :
        List.of(
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/assets/..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt",
            "/%00/../secret.txt")) {
      String answer = rawGet(path);
      assertThat(answer).as(path).doesNotContain("outside the console directory");
    }
  }

  @Test
  void tlsServesHttpsWithAPemCertificateAndKey() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try (RestServer tls =
        RestServer.start(
            kubemin,
            new InetSocketAddress("127.0.0.1", 0),
            List.of(),
            RestSettings.builder()
                .tls(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()))
                .build())) {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(trusting(Path.of(certificate.certificatePath())))
              .build();
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "https://localhost:" + tls.address().getPort() + "/api/v1/applications"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).has("applications")).isTrue();
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(pem)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("test", cert);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static HttpResponse<String> send(
      String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with the path exactly as given (an HTTP client would normalise it). */
  private static String rawGet(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
