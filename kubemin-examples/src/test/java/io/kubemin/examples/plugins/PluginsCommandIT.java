package io.kubemin.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.examples.cli.KubeMinCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kubemin render} and {@code kubemin deploy --sandbox} show the plugin-made objects. */
class PluginsCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = KubeMinCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static String nightly() throws URISyntaxException {
    return Path.of(PluginsCommandIT.class.getResource("/plugins/nightly.yaml").toURI()).toString();
  }

  @Test
  void renderPrintsTheCronJobAndTheAutoscaler() throws Exception {
    int exit = run("render", "-f", nightly(), "--app-id", "app1");

    assertThat(exit).as(err.toString()).isEqualTo(0);
    assertThat(out.toString())
        .contains("kind: CronJob")
        .contains("name: cron-report-app1")
        .contains("kind: HorizontalPodAutoscaler")
        .contains("name: hpa-web-app1");
  }

  @Test
  void deployOnTheSandboxAppliesThem() throws Exception {
    int exit = run("deploy", "-f", nightly(), "--sandbox");

    assertThat(exit).as(out + "\n" + err).isEqualTo(0);
    assertThat(out.toString()).contains("CronJob").contains("HorizontalPodAutoscaler");
  }

  @Test
  void aMisspelledTraitIsAnError() throws Exception {
    Path file = Path.of(nightly()).resolveSibling("typo.yaml");
    java.nio.file.Files.writeString(
        file,
        "name: typo\ncomponent:\n  - {name: web, type: webservice, image: x,"
            + " traits: {autoscaller: {max: 2}}}\n");

    int exit = run("validate", "-f", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out + err.toString()).contains("component[0].traits.autoscaller UNKNOWN_TRAIT");
  }
}
