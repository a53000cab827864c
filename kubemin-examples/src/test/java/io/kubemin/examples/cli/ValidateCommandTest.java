package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.testing.UpstreamExamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  private static final String VALID_APP =
      """
      {"name": "demo", "component": [{"name": "web", "type": "webservice", "image": "nginx"}]}
      """;

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

  private static String example(String name) {
    return UpstreamExamples.root().resolve(name).toString();
  }

  @Test
  void validFilePrintsValidAndExitsZero() throws Exception {
    int exit = run("validate", "-f", file("app.json", VALID_APP));

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("valid" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void warningsFollowValid() throws Exception {
    String app = VALID_APP.replace("\"name\": \"demo\"", "\"name\": \"demo\", \"colour\": \"red\"");

    int exit = run("validate", "-f", file("app.json", app));

    assertThat(exit).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "valid", "warning: colour UNKNOWN_FIELD unknown field, ignored (check its spelling)");
  }

  @Test
  void invalidFilePrintsOneLinePerErrorAndExitsOne() {
    int exit =
        run(
            "validate",
            "-f",
            example("validation-try/07-invalid-workflow-component-not-found.json"));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString().lines().filter(line -> !line.startsWith("warning: ")))
        .containsExactly(
            "workflow[0].components[1] COMPONENT_NOT_FOUND component 'frontend' not found in application",
            "workflow[0].components[2] COMPONENT_NOT_FOUND component 'database' not found in application");
    assertThat(out.toString()).doesNotContain("valid\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonOutputIsTheTryApiShape() throws Exception {
    int exit =
        run("validate", "--json", "-f", example("validation-try/06-invalid-nested-sidecar.json"));

    JsonNode body = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(body.get("valid").asBoolean()).isFalse();
    assertThat(body.get("errors")).hasSize(1);
    assertThat(body.get("errors").get(0).get("field").asText())
        .isEqualTo("component[0].traits.sidecar[0].traits.sidecar[0]");
    assertThat(body.get("errors").get(0).get("code").asText()).isEqualTo("NESTED_TRAIT_FORBIDDEN");
    assertThat(body.get("errors").get(0).get("message").asText()).contains("cannot be nested");
    assertThat(body.get("warnings")).extracting(w -> w.get("field").asText()).contains("_comment");
  }

  @Test
  void jsonOutputLeavesOutEmptyWarnings() throws Exception {
    int exit = run("validate", "-f", file("app.json", VALID_APP), "--json");

    JsonNode body = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isZero();
    assertThat(body.get("valid").asBoolean()).isTrue();
    assertThat(body.get("errors")).isEmpty();
    assertThat(body.has("warnings")).isFalse();
  }

  @Test
  void yamlFilesAreReadAsYaml() throws Exception {
    String yaml =
        """
        name: demo
        component:
          - name: web
            type: webservice
            image: nginx
            traits:
              probes:
                - type: liveness
        """;

    int exit = run("validate", "-f", file("app.yaml", yaml));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).startsWith("component[0].traits.probes[0] INVALID_PROBE_CONFIG ");
  }

  @Test
  void workflowOnlyFileIsCheckedForItsShape() throws Exception {
    int exit = run("validate", "-f", example("validation-try/10-try-workflow-request.json"));

    assertThat(exit).isZero();
    assertThat(out.toString().lines()).first().isEqualTo("valid");
    assertThat(out.toString()).contains("warning: _comment UNKNOWN_FIELD");
  }

  @Test
  void workflowOnlyFileWithStructuralErrorsIsInvalid() throws Exception {
    String workflow =
        """
        {"workflow": [{"name": "deploy", "components": ["a"], "depends_on": ["later"]},
                      {"name": "deploy", "mode": "dag", "components": ["b"]}]}
        """;

    int exit = run("validate", "-f", file("workflow.json", workflow));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString().lines())
        .extracting(line -> line.split(" ")[0] + " " + line.split(" ")[1])
        .containsExactlyInAnyOrder(
            "workflow[1].name DUPLICATE_WORKFLOW_STEP",
            "workflow[1].mode INVALID_WORKFLOW_MODE",
            "workflow[0].depends_on[0] STEP_NOT_FOUND");
  }

  @Test
  void missingFileIsOneLineOnStderrAndExitsTwo() {
    String missing = dir.resolve("nope.json").toString();

    int exit = run("validate", "-f", missing);

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .containsExactly("kubemin: cannot read " + missing + ": no such file");
  }

  @Test
  void directoryIsUnreadable() {
    int exit = run("validate", "-f", dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("kubemin: cannot read ");
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws Exception {
    String path = file("broken.json", "{\n  \"name\": \"demo\",\n  \"component\": [}\n");

    int exit = run("validate", "-f", path);

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("kubemin: " + path + ": line 3, column ");
  }

  @Test
  void wrongTypeNamesTheField() throws Exception {
    String path = file("typed.yml", "name: demo\ncomponent:\n  - name: web\n    replicas: many\n");

    int exit = run("validate", "-f", path);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("line 4, column", "component[0].replicas");
  }

  @Test
  void emptyFileIsMalformed() throws Exception {
    int exit = run("validate", "-f", file("empty.json", ""));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("the document is empty");
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--file=FILE'", "Usage:");

    assertThat(run("validate", "-f", "x.json", "--colour")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--colour'");
  }
}
