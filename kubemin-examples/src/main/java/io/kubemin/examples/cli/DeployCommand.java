package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Parsed;
import io.kubemin.render.Renderer;
import io.kubemin.validation.ValidationException;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin deploy -f FILE}: validates an application file, deploys it through the workflow
 * engine and waits for the task to end.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys an application file (JSON or YAML) through the workflow engine and waits for it.",
      "Without --kubeconfig it uses KUBECONFIG or ~/.kube/config, else an in-process sandbox.",
      "Exit code: 0 completed, 1 invalid application, 2 unreadable file, 3 failed, timed out or"
          + " cancelled."
    })
public final class DeployCommand implements Callable<Integer> {
  static final int INVALID = 1;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "the application; .yaml and .yml are read as YAML, anything else as JSON")
  private Path file;

  @ArgGroup(exclusive = true)
  private ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "deploy into this namespace instead of the file's")
  private String namespace;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "deadline of the deploy, such as 90s or 5m (default: ${DEFAULT-VALUE})")
  private Duration timeout;

  @Mixin private DeployOptions options = new DeployOptions();

  @Option(
      names = "--redeploy",
      description =
          "run the workflow a second time when the first completed (an unchanged re-deploy)")
  private boolean redeploy;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Parsed<Application>> parsed = ApplicationFile.read(file, err);
    if (parsed.isEmpty()) {
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    Application application = inNamespace(parsed.get().value());
    ValidationResult result =
        Validator.forRenderer(Renderer.builder().build())
            .validate(new Parsed<>(application, parsed.get().unknownFields()));
    if (!result.valid()) {
      result.errors().forEach(err::println);
      err.flush();
      return INVALID;
    }
    try (ClusterTarget target = cluster.open()) {
      return new DeployRun(target, options.store, timeout, options.stats, redeploy, out)
          .run(application);
    } catch (ValidationException e) {
      e.errors().forEach(err::println);
      return INVALID;
    }
  }

  private Application inNamespace(Application application) {
    if (namespace == null) {
      return application;
    }
    return application.toBuilder()
        .namespace(namespace)
        .components(application.components().stream().map(this::inNamespace).toList())
        .build();
  }

  private Component inNamespace(Component component) {
    return component.toBuilder().namespace(namespace).build();
  }
}
