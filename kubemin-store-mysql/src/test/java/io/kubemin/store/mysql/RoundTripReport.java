package io.kubemin.store.mysql;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.DataStore;
import io.kubemin.testing.RecordingJobExecutor;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints the store calls the engine makes per single-job task (not a test: the engine decides
 * them). Tasks run one after another; the dispatcher's background poll adds a few reads.
 *
 * <p>Usage: {@code RoundTripReport <memory | jdbc-url> [tasks]}.
 */
public final class RoundTripReport {
  private RoundTripReport() {}

  /** Runs the tasks and prints calls per task by store method. */
  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "memory";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    try (DataStore backing =
        target.equals("memory") ? new InMemoryDataStore() : MySqlDataStore.open(target)) {
      CountingDataStore counting = new CountingDataStore(backing);
      try (KubeMin kubemin =
          KubeMin.builder()
              .dataStore(counting.store())
              .jobExecutor(new RecordingJobExecutor())
              .build()) {
        kubemin.start();
        Component web =
            Component.builder().name("web").type("webservice").image("nginx:1.27").build();
        String appId =
            kubemin
                .createApplication(
                    Application.builder().name("bench").components(java.util.List.of(web)).build())
                .id();
        counting.reset();
        for (int i = 0; i < tasks; i++) {
          kubemin.awaitTask(kubemin.exec(appId), Duration.ofSeconds(30));
        }
        report(counting, tasks);
      }
    }
  }

  private static void report(CountingDataStore counting, int tasks) {
    counting
        .calls()
        .forEach(
            (method, calls) ->
                System.out.printf(
                    Locale.ROOT,
                    "%-22s %6.2f per task%s%n",
                    method,
                    calls / (double) tasks,
                    CountingDataStore.WRITES.contains(method) ? "  (write)" : ""));
    System.out.printf(
        Locale.ROOT, "%-22s %6.2f per task%n", "WRITES", counting.writes() / (double) tasks);
  }
}
