package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.k8s.sandbox.KubeSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kubemin plan}: its output and exit codes 0, 3, 1 and 2. */
class PlanCommandIT {
  private static final String PASSWORD = "pl4n-s3cret-value";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine commandLine = KubeMinCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Path app(Path directory, int replicas, String password) throws IOException {
    Path file = directory.resolve("shop.yaml");
    Files.writeString(
        file,
        "name: shop\n"
            + "namespace: plan-cli\n"
            + "component:\n"
            + "  - name: api\n"
            + "    type: webservice\n"
            + "    image: nginx:1.27\n"
            + "    replicas: "
            + replicas
            + "\n"
            + "    properties: {ports: [{port: 80}]}\n"
            + "  - name: creds\n"
            + "    type: secret\n"
            + "    properties: {secret: {password: "
            + password
            + "}}\n");
    return file;
  }

  private static Path kubeconfig(Path directory, String server) throws IOException {
    Path file = directory.resolve("kubeconfig");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Config\n"
            + "clusters: [{name: test, cluster: {server: \""
            + server
            + "\", insecure-skip-tls-verify: true}}]\n"
            + "users: [{name: test, user: {token: test}}]\n"
            + "contexts: [{name: test, context: {cluster: test, user: test}}]\n"
            + "current-context: test\n");
    return file;
  }

  @Test
  void aPlanBeforeADeployExitsWithThreeAndAfterItWithZero(@TempDir Path directory)
      throws IOException {
    try (KubeSandbox sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(20)).start()) {
      String kubeconfig = kubeconfig(directory, sandbox.url()).toString();
      String store = "jdbc:h2:file:" + directory.resolve("kubemin").toAbsolutePath();
      String file = app(directory, 1, PASSWORD).toString();

      assertThat(run("plan", "-f", file, "--kubeconfig", kubeconfig, "--store", store))
          .as(out + "\n" + err)
          .isEqualTo(3);
      assertThat(out.toString())
          .contains("new application shop in namespace plan-cli")
          .containsPattern("\\+ create\\s+Deployment/plan-cli/deploy-api-")
          .contains("Plan: 3 to create, 0 to update, 0 unchanged, 0 to delete.");

      assertThat(run("deploy", "-f", file, "--kubeconfig", kubeconfig, "--store", store))
          .as(out + "\n" + err)
          .isZero();

      assertThat(run("plan", "-f", file, "--kubeconfig", kubeconfig, "--store", store))
          .as(out + "\n" + err)
          .isZero();
      assertThat(out.toString())
          .containsPattern("application shop \\(\\w{24}\\) in namespace plan-cli")
          .contains(
              "No changes: a deploy would change nothing (0 to create, 0 to update, 3"
                  + " unchanged, 0 to delete).");

      String changed = app(directory, 2, "n3w-" + PASSWORD).toString();
      assertThat(
              run(
                  "plan",
                  "-f",
                  changed,
                  "--kubeconfig",
                  kubeconfig,
                  "--store",
                  store,
                  "-o",
                  "json"))
          .as(out + "\n" + err)
          .isEqualTo(3);
      assertThat(out.toString())
          .containsPattern("\"changes\"\\s*:\\s*true")
          .containsPattern("\"path\"\\s*:\\s*\"spec.replicas\"")
          .containsPattern("\"method\"\\s*:\\s*\"server-dry-run\"")
          .containsPattern("\"path\"\\s*:\\s*\"data.password\"")
          .doesNotContain(PASSWORD);
    }
  }

  @Test
  void aNewApplicationOnTheSandboxIsAllCreates(@TempDir Path directory) throws IOException {
    assertThat(run("plan", "-f", app(directory, 1, PASSWORD).toString(), "--sandbox"))
        .as(out + "\n" + err)
        .isEqualTo(3);
    assertThat(out.toString()).contains("cluster: sandbox").contains("3 to create");
  }

  @Test
  void twoStoredApplicationsOfTheFilesNameExitWithTwo(@TempDir Path directory) throws IOException {
    String store = "jdbc:h2:file:" + directory.resolve("kubemin").toAbsolutePath();
    Path file = app(directory, 1, PASSWORD);
    try (io.kubemin.KubeMin kubemin =
        io.kubemin.KubeMin.builder()
            .dataStoreUri(store)
            .jobExecutor(new io.kubemin.testing.RecordingJobExecutor())
            .build()) {
      io.kubemin.model.Application app =
          io.kubemin.model.ModelCodec.yaml().readApplication(Files.readString(file)).value();
      kubemin.createApplication(app);
      kubemin.createApplication(app);
    }

    assertThat(run("plan", "-f", file.toString(), "--sandbox", "--store", store)).isEqualTo(2);
    assertThat(err.toString())
        .contains("2 applications named shop in namespace plan-cli are in the store");
  }

  @Test
  void anInvalidApplicationExitsWithOne(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("bad.yaml");
    Files.writeString(file, "name: Not_A_Name\ncomponent: []\n");

    assertThat(run("plan", "-f", file.toString(), "--sandbox")).isEqualTo(1);
    assertThat(err.toString()).contains("name");
  }

  @Test
  void anUnreadableFileOrClusterExitsWithTwo(@TempDir Path directory) throws IOException {
    assertThat(run("plan", "-f", directory.resolve("missing.yaml").toString(), "--sandbox"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String kubeconfig = kubeconfig(directory, "http://127.0.0.1:" + closedPort).toString();
    assertThat(
            run("plan", "-f", app(directory, 1, PASSWORD).toString(), "--kubeconfig", kubeconfig))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot read the cluster");
  }
}
