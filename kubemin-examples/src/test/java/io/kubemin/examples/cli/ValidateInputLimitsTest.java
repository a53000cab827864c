package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.model.ModelCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kubemin validate} on duplicate keys, YAML aliases and oversized files: exit 2, one line.
 */
class ValidateInputLimitsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new KubeMinCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private String file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  @Test
  void aDuplicateKeyIsAReadErrorNamingItsPath() throws Exception {
    String path =
        file(
            "app.json",
            """
            {"name": "demo", "component": [{"name": "web", "type": "webservice",
              "image": "nginx", "image": "evil"}]}
            """);

    int exit = run("validate", "-f", path);

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip())
        .isEqualTo(
            "kubemin: "
                + path
                + ": line 2, column 28: component[0].image: the key 'image' is given twice in one"
                + " object; remove one of them");
  }

  @Test
  void aYamlAliasIsAReadError() throws Exception {
    String path =
        file(
            "app.yaml",
            """
            name: demo
            component:
              - name: web
                type: webservice
                image: &img nginx
                properties:
                  env:
                    IMAGE: *img
            """);

    int exit = run("validate", "-f", path);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("component[0].properties.env.IMAGE: YAML aliases (*img) are not supported");
  }

  @Test
  void jsonAndYamlFilesOverTheLimitAreRefusedAlike() throws Exception {
    String padding = " ".repeat(ModelCodec.MAX_DOCUMENT_CHARS);
    String json = file("big.json", "{\"name\": \"demo\"}" + padding);
    String yaml = file("big.yaml", "name: demo\n" + padding);

    assertThat(run("validate", "-f", json)).isEqualTo(2);
    assertThat(run("validate", "-f", yaml)).isEqualTo(2);
    assertThat(err.toString().lines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("more than the limit of 4194304 (4 MiB)"));
  }
}
