package io.kubemin.examples.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Parsed;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.render.Renderer;
import io.kubemin.spi.Role;
import io.kubemin.validation.ValidationException;
import io.kubemin.validation.ValidationResult;
import io.kubemin.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin plan -f FILE}: what deploying an application file would do on the cluster, object
 * by object, without changing anything.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what deploying an application file would do on the cluster, object by object:"
          + " create, update (with the fields), unchanged, delete (garbage). Nothing is changed.",
      "The application is the one in --store with the file's id, else with its name and"
          + " namespace, else a new one.",
      "Exit code: 0 nothing would change, 3 something would, 1 invalid application, 2 unreadable"
          + " file, store or cluster."
    })
public final class PlanCommand implements Callable<Integer> {
  /** Exit code when a deploy would change nothing. */
  static final int NOTHING_CHANGES = 0;

  /** Exit code when a deploy would change something. */
  static final int CHANGES = 3;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "the application; .yaml and .yml are read as YAML, anything else as JSON")
  private Path file;

  @ArgGroup(exclusive = true)
  private ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = "memory",
      description =
          "the store the application was deployed from: memory, or jdbc:… (default:"
              + " ${DEFAULT-VALUE})")
  private String store;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  private String output;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!output.equals("text") && !output.equals("json")) {
      err.println("kubemin: -o must be text or json, not '" + output + "'");
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    Optional<Parsed<Application>> parsed = ApplicationFile.read(file, err);
    if (parsed.isEmpty()) {
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    ValidationResult result =
        Validator.forRenderer(Renderer.builder().build()).validate(parsed.get());
    if (!result.valid()) {
      result.errors().forEach(err::println);
      return DeployCommand.INVALID;
    }
    try (ClusterTarget target = cluster.open();
        KubernetesJobExecutor executor = new KubernetesJobExecutor(target.client());
        KubeMin kubemin =
            KubeMin.builder().dataStoreUri(store).jobExecutor(executor).roles(Role.API).build()) {
      Optional<String> unreachable = unreachable(target);
      if (unreachable.isPresent()) {
        err.println(
            "kubemin: cannot read the cluster " + target.description() + ": " + unreachable.get());
        return KubeMinCommand.EXIT_CANNOT_RUN;
      }
      Application application = stored(kubemin, parsed.get().value(), err);
      if (application == null) {
        return KubeMinCommand.EXIT_CANNOT_RUN;
      }
      ApplicationPlan plan = kubemin.plan(application);
      if (output.equals("json")) {
        out.println(ModelCodec.json().write(PlanOutput.json(plan)));
      } else {
        out.println("cluster: " + target.description());
        PlanOutput.text(plan, application, out);
      }
      out.flush();
      if (!plan.complete()) {
        err.println("kubemin: some objects could not be read from the cluster (action unknown)");
        return KubeMinCommand.EXIT_CANNOT_RUN;
      }
      return plan.hasChanges() ? CHANGES : NOTHING_CHANGES;
    } catch (ValidationException e) {
      e.errors().forEach(err::println);
      return DeployCommand.INVALID;
    }
  }

  /** Why the cluster cannot be read, or empty when it answers (any HTTP status will do). */
  private static Optional<String> unreachable(ClusterTarget target) {
    try {
      target.client().namespaces().withName("default").get();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return e.getCode() > 0
          ? Optional.empty()
          : Optional.of(KubeMinCommand.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The application with the id it has in the store: the file's id, else the one stored application
   * with its name and namespace, else none (a new application); null after printing why when
   * several match.
   */
  private static Application stored(KubeMin kubemin, Application application, PrintWriter err) {
    if (application.id() != null && !application.id().isBlank()) {
      return application;
    }
    List<ApplicationInfo> same =
        kubemin.applications().stream()
            .filter(a -> a.name().equals(application.name()))
            .filter(a -> a.namespace().equals(application.namespace()))
            .toList();
    if (same.size() > 1) {
      err.println(
          "kubemin: "
              + same.size()
              + " applications named "
              + application.name()
              + " in namespace "
              + application.namespace()
              + " are in the store: give the file the id of one");
      return null;
    }
    return same.isEmpty() ? application : application.toBuilder().id(same.get(0).id()).build();
  }
}
