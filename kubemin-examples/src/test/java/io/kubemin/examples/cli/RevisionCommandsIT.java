package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kubemin revisions} and {@code kubemin rollback} against an H2 file store. */
class RevisionCommandsIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = KubeMinCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Component web(String name) {
    return Component.builder().name(name).type("webservice").image("nginx:1.27").build();
  }

  /** Three revisions of one application in the store; returns its id. */
  private static String threeRevisions(String store) {
    try (KubeMin kubemin =
        KubeMin.builder().dataStoreUri(store).jobExecutor(new RecordingJobExecutor()).build()) {
      Application app =
          Application.builder().name("shop").version("1").components(List.of(web("api"))).build();
      String appId = kubemin.createApplication(app).id();
      kubemin.createApplication(
          app.toBuilder()
              .id(appId)
              .version("2")
              .components(List.of(web("api"), web("cache")))
              .build());
      kubemin.createApplication(
          app.toBuilder()
              .id(appId)
              .version("3")
              .components(List.of(web("api"), web("cache"), web("queue")))
              .build());
      return appId;
    }
  }

  @Test
  void revisionsAreListedAndARollbackDeploysTheOldOne(@TempDir Path directory) {
    String store = "jdbc:h2:file:" + directory.resolve("kubemin").toAbsolutePath();
    String appId = threeRevisions(store);

    assertThat(run("revisions", "--app", appId, "--store", store)).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("(?m)^REVISION\\s+VERSION\\s+AUTHOR\\s+CREATED\\s+CAUSE$")
        .containsPattern("(?m)^1\\s+1\\s+system\\s+\\S+\\s+created$")
        .containsPattern("(?m)^3\\s+3\\s+system\\s+\\S+\\s+replaced$");

    int exit =
        run(
            "rollback",
            "--app",
            appId,
            "--to",
            "1",
            "--store",
            store,
            "--sandbox",
            "--user",
            "ops",
            "--timeout",
            "60s");

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("rolled back from revision 3 to 1: now revision 4")
        .containsPattern("task \\S+ completed");

    out.getBuffer().setLength(0);
    assertThat(run("revisions", "--app", appId, "--store", store, "-o", "json")).isZero();
    assertThat(out.toString())
        .containsPattern("\"cause\"\\s*:\\s*\"rolled back from 3 to 1\"")
        .containsPattern("\"author\"\\s*:\\s*\"ops\"");
  }

  @Test
  void anUnknownApplicationOrRevisionExitsWithTwo(@TempDir Path directory) {
    String store = "jdbc:h2:file:" + directory.resolve("kubemin").toAbsolutePath();
    String appId = threeRevisions(store);

    assertThat(run("revisions", "--app", "000000000000000000000000", "--store", store))
        .isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
    assertThat(run("rollback", "--app", appId, "--to", "9", "--store", store, "--sandbox"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("has no revision 9");
  }
}
