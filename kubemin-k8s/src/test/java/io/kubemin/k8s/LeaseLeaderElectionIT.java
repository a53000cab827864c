package io.kubemin.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.spi.LeaderElection;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeaseLeaderElectionIT {
  private static KubeSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static LeaseSettings fast(String lock, String identity) {
    return LeaseSettings.builder()
        .lockName(lock)
        .identity(identity)
        .leaseDuration(Duration.ofMillis(1500))
        .renewDeadline(Duration.ofMillis(1000))
        .retryPeriod(Duration.ofMillis(200))
        .build();
  }

  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWhenItLeaves() {
    Events first = new Events();
    Events second = new Events();
    LeaseLeaderElection a = new LeaseLeaderElection(sandbox.client(), fast("failover", "a"));
    LeaseLeaderElection b = new LeaseLeaderElection(sandbox.newClient(), fast("failover", "b"));
    a.start(first);
    await().atMost(Duration.ofSeconds(5)).until(a::isLeader);
    b.start(second);

    await()
        .during(Duration.ofMillis(1600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> a.isLeader() && !b.isLeader());
    a.close();

    await().atMost(Duration.ofMillis(1500 + 1000)).until(b::isLeader);
    assertThat(first.log).containsExactly("start", "stop");
    assertThat(second.log).containsExactly("start");
    b.close();
    assertThat(second.log).containsExactly("start", "stop");
  }

  @Test
  void aLeaderThatLosesTheLeaseStopsAndCompetesAgain() {
    Events events = new Events();
    LeaseLeaderElection election =
        new LeaseLeaderElection(sandbox.client(), fast("stolen", "owner"));
    election.start(events);
    await().atMost(Duration.ofSeconds(5)).until(election::isLeader);

    // The leader renews every 200 ms: an edit between its read and write conflicts, so retry.
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(KubernetesClientException.class)
        .until(
            () ->
                sandbox
                        .client()
                        .leases()
                        .inNamespace(LeaseSettings.DEFAULT_NAMESPACE)
                        .withName("stolen")
                        .edit(
                            lease -> {
                              lease.getSpec().setHolderIdentity("thief");
                              lease.getSpec().setRenewTime(ZonedDateTime.now());
                              lease.getSpec().setLeaseDurationSeconds(1);
                              return lease;
                            })
                    != null);

    await().atMost(Duration.ofSeconds(5)).until(() -> events.log.contains("stop"));
    await().atMost(Duration.ofSeconds(5)).until(election::isLeader);
    assertThat(events.log).containsExactly("start", "stop", "start");
    Lease lease =
        sandbox
            .client()
            .leases()
            .inNamespace(LeaseSettings.DEFAULT_NAMESPACE)
            .withName("stolen")
            .get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("owner");
    election.close();
  }

  @Test
  void timingsMustLeaveRoomForRenewal() {
    assertThatThrownBy(
            () ->
                LeaseSettings.builder()
                    .leaseDuration(Duration.ofSeconds(5))
                    .renewDeadline(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaseDuration");
    assertThatThrownBy(() -> LeaseSettings.builder().retryPeriod(Duration.ofSeconds(9)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryPeriod");
    LeaseSettings defaults = LeaseSettings.defaults();
    assertThat(defaults.lockName()).isEqualTo("apiserver-lock");
    assertThat(defaults.namespace()).isEqualTo("kubemin-system");
    assertThat(defaults.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
  }

  private static final class Events implements LeaderElection.LeadershipListener {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void startedLeading() {
      log.add("start");
    }

    @Override
    public void stoppedLeading() {
      log.add("stop");
    }
  }
}
