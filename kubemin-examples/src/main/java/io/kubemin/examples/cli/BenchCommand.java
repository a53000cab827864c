package io.kubemin.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemin.KubeMinException;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.render.Renderer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin bench}: measures KubeMin's speed. {@code --render FILE} renders an application on
 * one thread after a warm-up and reports components per second. Exit 0 on success, 1 when the file
 * cannot be rendered, 2 when it cannot be read or no benchmark is chosen.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures speed: --render FILE renders an application repeatedly.")
public final class BenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Option(
      names = "--render",
      paramLabel = "FILE",
      description = "Render this application (JSON or YAML) on one thread.")
  private Path renderFile;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Seconds of warm-up before measuring (default ${DEFAULT-VALUE}).")
  private double warmupSeconds;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds to measure (default ${DEFAULT-VALUE}).")
  private double measuredSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (renderFile != null) {
      return benchRender(spec.commandLine().getOut(), err);
    }
    err.println("bench: choose what to measure, for example --render FILE");
    return 2;
  }

  private int benchRender(PrintWriter out, PrintWriter err) {
    Application application;
    try {
      application = ModelCodec.readApplication(renderFile).value();
    } catch (UncheckedIOException | KubeMinException e) {
      err.println("bench: cannot read " + renderFile + ": " + e.getMessage());
      return 2;
    }
    RenderBenchmark.Result result;
    try {
      result =
          new RenderBenchmark(
                  Renderer.builder().build(),
                  application,
                  seconds(warmupSeconds),
                  seconds(measuredSeconds))
              .run();
    } catch (KubeMinException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    }
    out.println(json ? asJson(result) : asText(result));
    return 0;
  }

  private String asText(RenderBenchmark.Result result) {
    return String.format(
        Locale.ROOT,
        "render %s: %d components x %d renders in %.2f s = %.0f components/s",
        renderFile.getFileName(),
        result.components(),
        result.renders(),
        result.seconds(),
        result.componentsPerSecond());
  }

  private static String asJson(RenderBenchmark.Result result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("components_per_s", Math.round(result.componentsPerSecond()));
    node.put("components", result.components());
    node.put("renders", result.renders());
    node.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
    return node.toString();
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.max(0, Math.round(seconds * 1e9)));
  }
}
