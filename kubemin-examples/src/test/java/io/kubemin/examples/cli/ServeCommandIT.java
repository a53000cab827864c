package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.examples.rest.RestClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServeCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void servesTheApiOnTheSandboxAndDeploysUntilItIsStopped() throws Exception {
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () -> exit.set(run("--bind-addr", "127.0.0.1:0", "--sandbox", "--leader-election")),
            "serve");
    serving.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("listening on"));
    String base =
        out.toString()
            .lines()
            .filter(l -> l.startsWith("listening on "))
            .findFirst()
            .orElseThrow()
            .substring("listening on ".length());

    assertThat(out.toString()).contains("cluster: sandbox", "store: memory, queue: memory");
    assertThat(base).startsWith("http://127.0.0.1:");
    RestClient api = new RestClient(base);
    JsonNode ready = api.get("/readyz").body();
    assertThat(ready.path("status").asText()).isEqualTo("ready");
    assertThat(ready.path("checks").path("cluster").asText()).isEqualTo("ok");
    String appId =
        api.post(
                "/api/v1/applications",
                "{\"name\": \"served\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\","
                    + " \"image\": \"nginx\", \"properties\": {\"ports\": [{\"port\": 80}]}}]}")
            .text("id");
    String taskId =
        api.post("/api/v1/applications/" + appId + "/workflow/exec", "{}").text("task_id");
    String status = "/api/v1/workflow/tasks/" + taskId + "/status";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get(status).text("status").equals("completed"));

    serving.interrupt();
    serving.join(Duration.ofSeconds(30).toMillis());

    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
    assertThatThrownBy(() -> api.get("/healthz")).hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void aMalformedBindAddressIsExitTwo() {
    assertThat(run("--bind-addr", "localhost", "--sandbox")).isEqualTo(2);
    assertThat(err.toString()).startsWith("kubemin: serve: bind address 'localhost' must be");
  }

  @Test
  void anAddressInUseIsExitTwo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit = run("--bind-addr", "127.0.0.1:" + taken.getLocalPort(), "--sandbox");

      assertThat(exit).isEqualTo(2);
      assertThat(err.toString()).startsWith("kubemin: serve: cannot listen on");
    }
  }

  @Test
  void anUnknownStoreIsExitTwo() {
    assertThat(run("--store", "postgres://db/kubemin", "--sandbox")).isEqualTo(2);
    assertThat(err.toString()).startsWith("kubemin: serve: ");
  }

  @Test
  void aNonLoopbackAddressWithoutATokenIsExitTwo() {
    assertThat(run("--bind-addr", "0.0.0.0:0", "--sandbox")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("kubemin: serve: refusing to serve")
        .contains("--token-file", "--insecure");
  }

  @Test
  void anUnknownDialectIsExitTwo() {
    assertThat(run("--api-dialect", "soap", "--sandbox")).isEqualTo(2);
    assertThat(err.toString()).contains("upstream, console");
  }

  private int run(String... args) {
    return KubeMinCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(prepend("serve", args));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
