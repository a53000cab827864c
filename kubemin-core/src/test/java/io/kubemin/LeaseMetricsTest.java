package io.kubemin;

import static io.kubemin.TestApps.app;
import static io.kubemin.TestApps.awaitEnd;
import static io.kubemin.TestApps.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.metrics.MicrometerMetrics;
import io.kubemin.render.Naming;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Role;
import io.kubemin.testing.ManualClock;
import io.kubemin.workflow.TaskStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Lease renewals of a running task and the expiry of a crashed worker's lease are counted. */
class LeaseMetricsTest {
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DataStore store =
      new MicrometerMetrics(registry).instrument(new InMemoryDataStore());

  @AutoClose
  private final EngineCluster cluster =
      new EngineCluster(
          b ->
              b.dataStore(store)
                  .clock(clock)
                  .taskLease(LEASE)
                  .dispatchPollInterval(Duration.ofMillis(50))
                  .shutdownTimeout(Duration.ZERO));

  @Test
  void theHeartbeatsRenewalsAndTheReapersTakeBackAreCounted() {
    KubeMin leader = cluster.start("leader", Role.API, Role.DISPATCHER);
    KubeMin doomed = cluster.start("doomed", Role.WORKER);
    String appId = leader.createApplication(app("shop", List.of(web("web")))).id();
    String deployment = Naming.deployment("web", appId);
    CountDownLatch stuck = cluster.executor.hold(deployment);
    String taskId = leader.exec(appId);
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.executor.started(deployment) == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> count("kubemin.leases.renewals") >= 2);
    assertThat(count("kubemin.leases.expired")).isZero();

    doomed.crashForTesting();
    cluster.start("survivor", Role.WORKER);
    clock.advance(LEASE.multipliedBy(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.executor.started(deployment) == 2);
    stuck.countDown();

    assertThat(awaitEnd(leader, taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(count("kubemin.leases.expired")).isEqualTo(1);
    assertThat(registry.get("kubemin.leases.renewals").tag("outcome", "renewed").counter().count())
        .isGreaterThanOrEqualTo(2);
  }

  private double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
