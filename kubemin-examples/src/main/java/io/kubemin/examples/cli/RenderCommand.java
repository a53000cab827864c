package io.kubemin.examples.cli;

import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Parsed;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin render -f FILE [-o yaml|json] [--show-secrets]}: the Kubernetes objects an
 * application deploys, in apply order, without a cluster. Secret values are {@code ***} unless
 * {@code --show-secrets}.
 */
@Command(
    name = "render",
    description = {
      "Prints the Kubernetes objects an application deploys, in apply order (dry run).",
      "Exit code: 0 rendered, 1 invalid application, 2 unreadable or malformed file."
    })
public final class RenderCommand implements Callable<Integer> {
  static final int RENDERED = 0;
  static final int INVALID = 1;
  private static final Pattern APP_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "the application; .yaml and .yml are read as YAML, anything else as JSON")
  private Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description = "yaml (multi-document, default) or json (an array)")
  private String output;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;

  @Option(names = "--show-secrets", description = "print Secret values instead of ***")
  private boolean showSecrets;

  @Option(
      names = "--app-id",
      paramLabel = "ID",
      description = "application id in names and labels (default: derived from namespace/name)")
  private String appId;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    boolean json = jsonOutput();
    checkAppId();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Parsed<Application>> read = ApplicationFile.read(file, err);
    if (read.isEmpty()) {
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    Parsed<Application> parsed = read.get();
    Renderer renderer = Renderer.builder().build();
    ValidationResult result = Validator.forRenderer(renderer).validate(parsed);
    result.warnings().forEach(w -> err.println("warning: " + w));
    if (!result.valid()) {
      result.errors().forEach(err::println);
      return INVALID;
    }
    RenderedApplication rendered;
    try {
      rendered = renderer.render(parsed.value(), appId);
    } catch (RenderException e) {
      err.println("kubemin: " + KubeMinCommand.oneLine(e.getMessage()));
      return INVALID;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? rendered.toJson(showSecrets) : rendered.toYaml(showSecrets));
    out.flush();
    return RENDERED;
  }

  /** Whether the output is JSON; a format other than yaml or json is a usage error. */
  private boolean jsonOutput() {
    String format = output.toLowerCase(Locale.ROOT);
    if (!format.equals("yaml") && !format.equals("json")) {
      throw new ParameterException(
          spec.commandLine(), "-o must be yaml or json, not '" + output + "'");
    }
    return format.equals("json");
  }

  private void checkAppId() {
    if (appId != null && !APP_ID.matcher(appId).matches()) {
      throw new ParameterException(
          spec.commandLine(), "--app-id must be a DNS-1123 label, not '" + appId + "'");
    }
  }
}
