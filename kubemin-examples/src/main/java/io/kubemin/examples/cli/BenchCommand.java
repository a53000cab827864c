package io.kubemin.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemin.error.KubeMinException;
import io.kubemin.model.Application;
import io.kubemin.model.Parsed;
import io.kubemin.render.Renderer;
import io.kubemin.spi.ProviderNotFoundException;
import io.kubemin.spi.Providers;
import io.kubemin.workflow.Retention;
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
 * {@code kubemin bench}: measures KubeMin's speed. By default it runs {@code --tasks} single-job
 * tasks through a fresh engine ({@code --store}, {@code --queue}) with an executor that does
 * nothing and reports tasks per second and the latency from exec to the first job's start. {@code
 * --render FILE} instead renders an application on one thread after a warm-up and reports
 * components per second. Exit 0 on success, 1 when a task or the render fails, 2 on bad input
 * (unreadable file, unknown store or queue, counts below 1).
 */
@Command(
    name = "bench",
    description = {
      "Measures speed: runs single-job tasks through a fresh engine (default),",
      "or renders an application repeatedly (--render FILE)."
    })
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
      names = "--tasks",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Tasks to run (default ${DEFAULT-VALUE}).")
  private int tasks;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      description =
          "Backlog mode: N applications with one single-job task each, exec'd while the"
              + " engine is stopped, then drained; reports the drain rate, exec to job start"
              + " latency and, on MariaDB/MySQL, statements and fsyncs per task.")
  private Integer backlog;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "8",
      description = "Tasks in flight at once (default ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Engine instances in this JVM, each with every role (default ${DEFAULT-VALUE}).")
  private int instances;

  @Option(
      names = "--keep-last",
      paramLabel = "N",
      description =
          "Closed loop only: keep the newest N ended tasks of each application (the engine's"
              + " retention; default: keep every task).")
  private Integer keepLast;

  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = "memory",
      description = "Store: memory or jdbc:... (default ${DEFAULT-VALUE}).")
  private String storeUri;

  @Option(
      names = "--queue",
      paramLabel = "URI",
      defaultValue = "memory",
      description = "Queue: memory, redis://... or kafka://... (default ${DEFAULT-VALUE}).")
  private String queueUri;

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
      description =
          "Seconds of warm-up before measuring (default 2 for --render, 5 for tasks and"
              + " --backlog). Tasks and --backlog then warm up until the JIT compiler is quiet"
              + " (under 5%% of the time of the last rounds, 2 s or more), 60 s at most; 0"
              + " means no warm-up.")
  private Double warmupSeconds;

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
    if (backlog != null) {
      return benchBacklog(spec.commandLine().getOut(), err);
    }
    return benchTasks(spec.commandLine().getOut(), err);
  }

  private int benchBacklog(PrintWriter out, PrintWriter err) {
    BacklogBenchmark benchmark;
    try {
      Providers.typeOf(storeUri);
      Providers.typeOf(queueUri);
      benchmark = new BacklogBenchmark(storeUri, queueUri, backlog, concurrency);
      if (warmupSeconds != null) {
        benchmark.warmup(warmup());
      }
    } catch (IllegalArgumentException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(e.getMessage()));
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    BacklogBenchmark.Result result;
    try {
      result = benchmark.run();
    } catch (ProviderNotFoundException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(e.getMessage()));
      return KubeMinCommand.EXIT_CANNOT_RUN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("kubemin: bench: interrupted");
      return CANNOT_RENDER;
    } catch (RuntimeException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(String.valueOf(e.getMessage())));
      return CANNOT_RENDER;
    }
    out.println(json ? BacklogBenchmark.asJson(result) : BacklogBenchmark.asText(result));
    return 0;
  }

  private int benchTasks(PrintWriter out, PrintWriter err) {
    TaskBenchmark benchmark;
    try {
      Providers.typeOf(storeUri);
      Providers.typeOf(queueUri);
      benchmark = new TaskBenchmark(storeUri, queueUri, tasks, concurrency, instances);
      if (warmupSeconds != null) {
        benchmark.warmup(warmup());
      }
      if (keepLast != null) {
        if (keepLast < 1) {
          throw new IllegalArgumentException("--keep-last must be at least 1, got " + keepLast);
        }
        benchmark.retention(Retention.keepLast(keepLast));
      }
    } catch (IllegalArgumentException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(e.getMessage()));
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    TaskBenchmark.Result result;
    try {
      result = benchmark.run();
    } catch (ProviderNotFoundException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(e.getMessage()));
      return KubeMinCommand.EXIT_CANNOT_RUN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("kubemin: bench: interrupted");
      return CANNOT_RENDER;
    } catch (RuntimeException e) {
      err.println("kubemin: bench: " + KubeMinCommand.oneLine(String.valueOf(e.getMessage())));
      return CANNOT_RENDER;
    }
    out.println(json ? TaskBenchmark.asJson(result) : TaskBenchmark.asText(result));
    return 0;
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
                  seconds(warmupSeconds == null ? 2 : warmupSeconds),
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

  private Duration warmup() {
    if (warmupSeconds < 0 || warmupSeconds.isNaN()) {
      throw new IllegalArgumentException(
          "--warmup must be 0 or more seconds, got " + warmupSeconds);
    }
    return seconds(warmupSeconds);
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.max(0, Math.round(seconds * 1e9)));
  }
}
