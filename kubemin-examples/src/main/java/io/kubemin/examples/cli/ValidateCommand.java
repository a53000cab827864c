package io.kubemin.examples.cli;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Parsed;
import io.kubemin.model.WorkflowRequest;
import io.kubemin.render.Renderer;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubemin validate -f FILE [--json]}: checks an application file without deploying it. */
@Command(
    name = "validate",
    description = {
      "Checks an application (or workflow-only) file, JSON or YAML, against every validation rule.",
      "Exit code: 0 valid, 1 invalid, 2 unreadable or malformed file."
    })
public final class ValidateCommand implements Callable<Integer> {
  static final int VALID = 0;
  static final int INVALID = 1;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "the file; .yaml and .yml are read as YAML, anything else as JSON")
  private Path file;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;

  @Option(
      names = "--json",
      description = "print {\"valid\",\"errors\",\"warnings\"} as JSON, like the upstream try API")
  private boolean json;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ValidationResult> validated =
        ApplicationFile.read(file, err, ValidateCommand::validate);
    if (validated.isEmpty()) {
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    ValidationResult result = validated.get();
    print(result, spec.commandLine().getOut());
    return result.valid() ? VALID : INVALID;
  }

  /**
   * An application, or a workflow-only body (steps but no components), whose steps can only be
   * checked for their structure.
   */
  static ValidationResult validate(ModelCodec codec, String text) {
    Parsed<Application> application = codec.readApplication(text);
    if (application.value().components().isEmpty() && !application.value().workflow().isEmpty()) {
      Parsed<WorkflowRequest> workflow = codec.readWorkflowRequest(text);
      return Validator.standard()
          .validateWorkflowShape(workflow.value().workflow())
          .withWarnings(Validator.unknownFields(workflow));
    }
    return Validator.forRenderer(Renderer.builder().build()).validate(application);
  }

  private void print(ValidationResult result, PrintWriter out) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("valid", result.valid());
      body.put("errors", result.errors());
      if (!result.warnings().isEmpty()) {
        body.put("warnings", result.warnings());
      }
      out.println(ModelCodec.json().write(body));
    } else {
      if (result.valid()) {
        out.println("valid");
      }
      result.errors().forEach(out::println);
      for (ValidationError warning : result.warnings()) {
        out.println("warning: " + warning);
      }
    }
    out.flush();
  }
}
