package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.testing.UpstreamExamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeployCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = KubeMinCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static String example(String name) {
    return UpstreamExamples.root().resolve("validation-try").resolve(name).toString();
  }

  @Test
  void theDemoDeploysTheSampleAndShowsLiveStatus() {
    int exit = run("demo");

    assertThat(exit).as(out + "\n" + err).isEqualTo(0);
    assertThat(out.toString())
        .contains("task")
        .contains("completed (11/11 jobs)")
        .containsPattern("web\\s+webservice\\s+Running\\s+3/3")
        .containsPattern("catalog-db\\s+store\\s+Running\\s+1/1");
  }

  @Test
  void aCompleteAppDeploysWithOneWritePerObjectAndARedeployWritesNothing() {
    int exit =
        run(
            "deploy",
            "-f",
            example("02-valid-complete-app.json"),
            "--sandbox",
            "--stats",
            "--redeploy");

    assertThat(exit).as(out + "\n" + err).isEqualTo(0);
    assertThat(out.toString())
        .contains("API requests during the deploy (11 objects)")
        .contains("per object: 1.00 reads (get), 1.00 writes")
        .contains("API requests during the unchanged re-deploy (11 objects): none");
  }

  @Test
  void anInvalidApplicationIsReportedFieldByField() {
    int exit = run("deploy", "-f", example("03-invalid-name.json"), "--sandbox");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).containsPattern("(?m)^name \\S+ .+$");
    assertThat(out.toString()).doesNotContain("task");
  }

  @Test
  void anUnreadableFileExitsWithTwo() {
    assertThat(run("deploy", "-f", Path.of("no-such-file.json").toString(), "--sandbox"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot read");
  }

  @Test
  void aDeployThatMissesItsDeadlineExitsWithThree() {
    int exit =
        run(
            "deploy",
            "-f",
            example("02-valid-complete-app.json"),
            "--sandbox",
            "--timeout",
            "300ms");

    assertThat(exit).as(out + "\n" + err).isEqualTo(3);
    assertThat(out.toString()).contains("timeout");
  }

  @Test
  void theNamespaceCanBeOverridden() {
    int exit =
        run(
            "deploy",
            "-f",
            example("01-valid-simple-app.json"),
            "--sandbox",
            "--namespace",
            "elsewhere");

    assertThat(exit).as(out + "\n" + err).isEqualTo(0);
    assertThat(out.toString()).contains("in namespace elsewhere");
  }
}
