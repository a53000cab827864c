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
import picocli.CommandLine;

class BenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void renderBenchmarkPrintsComponentsPerSecondAsJson() throws IOException {
    Path example = UpstreamExamples.root().resolve("validation-try/02-valid-complete-app.json");

    int exit = run("--render", example.toString(), "--json", "--warmup", "0", "--duration", "0.05");

    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isZero();
    assertThat(result.get("components_per_s").asLong()).isPositive();
    assertThat(result.get("components").asInt()).isEqualTo(4);
    assertThat(result.get("renders").asLong()).isPositive();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void textOutputNamesTheFileAndRate() {
    Path example = UpstreamExamples.root().resolve("validation-try/01-valid-simple-app.json");

    int exit = run("--render", example.toString(), "--warmup", "0", "--duration", "0.01");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("render 01-valid-simple-app.json: 1 components x ");
    assertThat(out.toString()).contains("components/s");
  }

  @Test
  void withoutABenchmarkItExitsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("--render FILE");
  }

  @Test
  void unreadableFileIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");

    assertThat(run("--render", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(run("--render", broken.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("kubemin: "));
  }

  @Test
  void applicationThatCannotRenderIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
    Path hostMounted =
        Files.writeString(
            dir.resolve("app.json"),
            "{\"name\": \"shop\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\","
                + " \"image\": \"nginx\", \"traits\": {\"storage\": [{\"name\": \"logs\","
                + " \"type\": \"host-mounted\"}]}}]}");

    assertThat(run("--render", hostMounted.toString(), "--warmup", "0", "--duration", "0"))
        .isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString().contains("host-mounted");
  }

  private int run(String... args) {
    return new CommandLine(new BenchCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
