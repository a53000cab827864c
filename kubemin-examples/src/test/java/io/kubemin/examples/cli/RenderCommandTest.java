package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.testing.UpstreamExamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  private static final Path COMPLETE =
      UpstreamExamples.root().resolve("validation-try/02-valid-complete-app.json");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheObjectsAsYamlInApplyOrderWithSecretsMasked() {
    int exit = run("render", "-f", COMPLETE.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("---\napiVersion: v1\nkind: ConfigMap\n")
        .contains("kind: Deployment", "kind: StatefulSet", "kind: Ingress")
        .contains("db.password: '***'")
        .doesNotContain("secret123");
    assertThat(out.toString().indexOf("kind: Ingress"))
        .isGreaterThan(out.toString().indexOf("kind: Deployment"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void showSecretsPrintsTheValues() {
    run("render", "-f", COMPLETE.toString(), "--show-secrets");

    assertThat(out.toString()).contains("db.password: secret123");
  }

  @Test
  void jsonOutputIsAnArrayOfObjects() throws IOException {
    int exit = run("render", "-f", COMPLETE.toString(), "-o", "json", "--app-id", "demo1");

    JsonNode objects = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isZero();
    assertThat(objects.isArray()).isTrue();
    assertThat(objects.get(0).get("kind").asText()).isEqualTo("ConfigMap");
    assertThat(objects.findValuesAsText("name")).contains("deploy-backend-demo1");
    assertThat(out.toString()).doesNotContain("secret123");
  }

  @Test
  void renderingIsTheSameEveryRun() {
    run("render", "-f", COMPLETE.toString());
    String first = out.toString();
    out.getBuffer().setLength(0);

    run("render", "-f", COMPLETE.toString());

    assertThat(out.toString()).isEqualTo(first);
  }

  @Test
  void invalidApplicationPrintsValidationErrorsAndExitsOne() {
    Path missingImage =
        UpstreamExamples.root().resolve("validation-try/04-invalid-missing-image.json");

    int exit = run("render", "-f", missingImage.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("component[0].image MISSING_IMAGE ");
  }

  @Test
  void applicationTheRendererRejectsIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("app.yaml"),
            """
            name: shop
            component:
              - name: web
                type: webservice
                image: nginx
                traits:
                  ingress: [{routes: [{backend: {service_name: web}}]}]
            """);

    int exit = run("render", "-f", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString().contains("has no ports");
  }

  @Test
  void unreadableOrMalformedFileIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": [");

    assertThat(run("render", "-f", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(run("render", "-f", broken.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("kubemin: "));
    assertThat(err.toString()).contains("no such file").doesNotContain("Exception");
  }

  @Test
  void unknownOutputFormatIsAUsageError() {
    assertThat(run("render", "-f", COMPLETE.toString(), "-o", "xml")).isEqualTo(2);
    assertThat(err.toString()).contains("yaml or json");
  }

  @Test
  void benchIsReachableFromTheTopCommand() {
    Path simple = UpstreamExamples.root().resolve("validation-try/01-valid-simple-app.json");

    int exit =
        run("bench", "--render", simple.toString(), "--json", "--warmup", "0", "--duration", "0");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("{\"components_per_s\":");
  }

  private int run(String... args) {
    return KubeMinCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
