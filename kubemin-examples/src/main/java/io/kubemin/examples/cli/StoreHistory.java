package io.kubemin.examples.cli;

import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.workflow.Task;
import java.io.PrintWriter;
import java.util.List;

/** Prints what a persistent store already holds: earlier applications and their tasks. */
final class StoreHistory {
  private StoreHistory() {}

  static void print(KubeMin kubemin, PrintWriter out) {
    List<ApplicationInfo> applications = kubemin.applications();
    if (applications.isEmpty()) {
      return;
    }
    out.println("in the store from earlier runs:");
    for (ApplicationInfo app : applications) {
      out.println(
          "  application " + app.name() + " (" + app.id() + "), created " + app.createdAt());
      for (Task task : kubemin.tasks(app.id())) {
        out.println(
            "    task "
                + task.id()
                + " "
                + task.status().jsonName()
                + " (created "
                + task.createdAt()
                + (task.error() == null ? ")" : "): " + task.error()));
      }
    }
    out.flush();
  }
}
