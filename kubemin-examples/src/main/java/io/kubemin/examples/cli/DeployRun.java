package io.kubemin.examples.cli;

import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import io.kubemin.model.Application;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One deploy from the command line: an engine on the given store with the Kubernetes executor and
 * status sync, the application created and its workflow run, progress printed, then the components
 * with their live status.
 *
 * @param target where to deploy
 * @param storeUri the store ({@code memory}, {@code jdbc:…})
 * @param timeout the task's deadline
 * @param stats whether to print API requests by verb
 * @param redeploy whether to run the workflow a second time (an unchanged re-deploy)
 * @param out where to print
 */
record DeployRun(
    ClusterTarget target,
    String storeUri,
    Duration timeout,
    boolean stats,
    boolean redeploy,
    PrintWriter out) {
  /** Exit code when every task completed. */
  static final int COMPLETED = 0;

  /** Exit code when a task failed, timed out or was cancelled. */
  static final int NOT_COMPLETED = 3;

  // Readiness waits of one job are bounded like the upstream's, within the task's deadline.
  private static final Duration MAX_JOB_TIMEOUT = Duration.ofMinutes(5);

  int run(Application application) throws InterruptedException {
    out.println("cluster: " + target.description());
    out.println("store:   " + storeUri);
    out.flush();
    ProgressPrinter progress = new ProgressPrinter(out);
    try (KubernetesJobExecutor executor = new KubernetesJobExecutor(target.client());
        KubeMin kubemin =
            KubeMin.builder()
                .dataStoreUri(storeUri)
                .jobExecutor(executor)
                .extension(new KubernetesStatusSync(target.client()))
                .listener(progress)
                .taskTimeout(timeout)
                .defaultJobTimeout(
                    timeout.compareTo(MAX_JOB_TIMEOUT) < 0 ? timeout : MAX_JOB_TIMEOUT)
                .build()) {
      kubemin.start();
      StoreHistory.print(kubemin, out);
      ApplicationInfo app = kubemin.createApplication(application);
      out.println(
          "application " + app.name() + " (" + app.id() + ") in namespace " + app.namespace());
      TaskStatus status = execute(kubemin, app, progress, "deploy");
      if (redeploy && status == TaskStatus.COMPLETED) {
        status = execute(kubemin, app, progress, "unchanged re-deploy");
      }
      ComponentTable.print(kubemin, app.id(), out);
      return status == TaskStatus.COMPLETED ? COMPLETED : NOT_COMPLETED;
    }
  }

  /** Runs the workflow once and returns how the task ended. */
  private TaskStatus execute(
      KubeMin kubemin, ApplicationInfo app, ProgressPrinter progress, String what)
      throws InterruptedException {
    target.resetRequestCounts();
    String taskId = kubemin.exec(app.id());
    Duration patience = timeout.plusSeconds(30);
    try {
      TaskEvent end = progress.awaitFinished(taskId, patience);
      if (stats) {
        RequestStats.print(what, target, end.jobsPlanned(), out);
      }
      return end.status();
    } catch (TimeoutException e) {
      out.println("task " + taskId + " did not end within " + patience);
      return kubemin.task(taskId).status();
    }
  }
}
