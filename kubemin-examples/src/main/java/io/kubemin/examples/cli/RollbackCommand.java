package io.kubemin.examples.cli;

import io.kubemin.KubeMin;
import io.kubemin.RollbackResult;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin rollback --app ID --to N --store URI}: makes revision N current again, deletes
 * what the newer definition had and N has not, and deploys it, waiting for the task.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Rolls an application of a store back to one of its revisions and deploys it.",
      "Without --kubeconfig it uses KUBECONFIG or ~/.kube/config, else an in-process sandbox.",
      "Exit code: 0 deployed, 2 unknown application or revision (or cannot run), 3 the deploy"
          + " failed, timed out or was cancelled."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Option(names = "--app", required = true, paramLabel = "ID", description = "the application id")
  private String appId;

  @Option(names = "--to", required = true, paramLabel = "N", description = "the revision number")
  private int revision;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "URI",
      description = "the store, such as jdbc:h2:file:./data/kubemin or jdbc:mariadb://…")
  private String store;

  @Option(names = "--user", paramLabel = "NAME", description = "recorded as the revision's author")
  private String user;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "how long to wait for the deploy, such as 90s or 5m (default: ${DEFAULT-VALUE})")
  private Duration timeout;

  @ArgGroup(exclusive = true)
  private ClusterOptions cluster = new ClusterOptions();

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ClusterTarget target = cluster.open();
        KubernetesJobExecutor executor = new KubernetesJobExecutor(target.client());
        KubeMin kubemin =
            KubeMin.builder()
                .dataStoreUri(store)
                .jobExecutor(executor)
                .taskTimeout(timeout)
                .build()) {
      kubemin.start();
      RollbackResult result = kubemin.rollback(appId, revision, user);
      out.println(
          "application "
              + appId
              + " rolled back from revision "
              + result.from()
              + " to "
              + result.to()
              + ": now revision "
              + result.revision());
      result.deletion().deletedResources().forEach(o -> out.println("  deleted " + o));
      result.deletion().failedResources().forEach(o -> out.println("  not deleted " + o));
      if (result.taskId() == null) {
        out.println("the workflow is empty: nothing to deploy");
        out.flush();
        return 0;
      }
      Task task = kubemin.awaitTask(result.taskId(), timeout.plusSeconds(30));
      out.println(
          "task "
              + task.id()
              + " "
              + task.status().jsonName()
              + (task.error() == null ? "" : ": " + task.error()));
      out.flush();
      return task.status() == TaskStatus.COMPLETED ? 0 : DeployRun.NOT_COMPLETED;
    }
  }
}
