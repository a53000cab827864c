package io.kubemin.examples.cli;

import io.kubemin.KubeMin;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import java.io.PrintWriter;
import java.util.List;

/** Prints the components of an application with their live status from the store. */
final class ComponentTable {
  // The status sync writes asynchronously; give it a moment to catch up with the last events.
  private static final long SETTLE_MILLIS = 3000;

  private ComponentTable() {}

  static void print(KubeMin kubemin, String appId, PrintWriter out) throws InterruptedException {
    List<ComponentRecord> components = settled(kubemin, appId);
    out.println();
    out.printf("%-20s %-11s %-8s %s%n", "COMPONENT", "TYPE", "STATUS", "READY");
    for (ComponentRecord component : components) {
      boolean workload = hasWorkload(component);
      out.printf(
          "%-20s %-11s %-8s %s%n",
          component.name(),
          component.spec().type(),
          workload ? component.status().jsonName() : "-",
          workload ? component.readyReplicas() + "/" + replicas(component) : "-");
    }
    out.flush();
  }

  private static List<ComponentRecord> settled(KubeMin kubemin, String appId)
      throws InterruptedException {
    long end = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
    List<ComponentRecord> components = kubemin.components(appId);
    while (System.nanoTime() < end && !allObserved(components)) {
      Thread.sleep(50);
      components = kubemin.components(appId);
    }
    return components;
  }

  private static boolean allObserved(List<ComponentRecord> components) {
    return components.stream()
        .filter(ComponentTable::hasWorkload)
        .allMatch(
            c ->
                c.status() == ComponentStatus.RUNNING && c.readyReplicas() == replicas(c)
                    || c.status() == ComponentStatus.FAILED);
  }

  private static boolean hasWorkload(ComponentRecord component) {
    String type = String.valueOf(component.spec().type());
    return type.equals("webservice") || type.equals("store");
  }

  private static int replicas(ComponentRecord component) {
    Integer replicas = component.spec().replicas();
    return replicas == null || replicas <= 0 ? 1 : replicas;
  }
}
