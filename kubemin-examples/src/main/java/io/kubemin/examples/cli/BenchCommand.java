package io.kubemin.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemin.KubeMinException;
import io.kubemin.model.Application;
import io.kubemin.model.Parsed;
import io.kubemin.render.Renderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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
    description = "Measures speed: --render FILE renders an application repeatedly.")
public final class BenchCommand implements Callable<Integer> {
  static final int CANNOT_RENDER = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Option(
      names = "--render",
      paramLabel = "FILE",
      description = "Render this application (JSON or YAML) on one thread.")
  private Path renderFile;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;

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
    err.println("kubemin: bench: choose what to measure, for example --render FILE");
    return KubeMinCommand.EXIT_CANNOT_RUN;
  }

  private int benchRender(PrintWriter out, PrintWriter err) {
    Optional<Parsed<Application>> read = ApplicationFile.read(renderFile, err);
    if (read.isEmpty()) {
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    Application application = read.get().value();
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
      err.println("kubemin: " + KubeMinCommand.oneLine(e.getMessage()));
      return CANNOT_RENDER;
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
