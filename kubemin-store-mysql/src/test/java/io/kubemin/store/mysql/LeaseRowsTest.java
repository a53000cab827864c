package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.Ids;
import io.kubemin.KubeMin;
import io.kubemin.testing.RecordingJobExecutor;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease row behind store-based leader election, on H2 (the same SQL runs on MariaDB). */
class LeaseRowsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MySqlDataStore store = MySqlDataStore.open("jdbc:h2:mem:lease_" + Ids.newId());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void oneHolderAtATimeUntilItsLeaseEnds() {
    assertThat(store.tryLease("l", "a", T0, T0.plusSeconds(10))).isTrue();
    assertThat(store.tryLease("l", "b", T0.plusSeconds(1), T0.plusSeconds(11))).isFalse();
    assertThat(store.tryLease("l", "a", T0.plusSeconds(2), T0.plusSeconds(12))).isTrue();
    // a renewed until 12: b still waits at 11, takes it after 12
    assertThat(store.tryLease("l", "b", T0.plusSeconds(11), T0.plusSeconds(21))).isFalse();
    assertThat(store.tryLease("l", "b", T0.plusSeconds(13), T0.plusSeconds(23))).isTrue();
    assertThat(store.tryLease("l", "a", T0.plusSeconds(14), T0.plusSeconds(24))).isFalse();
  }

  @Test
  void renewingWithTheSameEndStillHolds() {
    assertThat(store.tryLease("l", "a", T0, T0.plusSeconds(10))).isTrue();
    assertThat(store.tryLease("l", "a", T0, T0.plusSeconds(10))).isTrue();
  }

  @Test
  void releaseLetsAnotherTakeAtOnceAndOnlyTheHolderReleases() {
    store.tryLease("l", "a", T0, T0.plusSeconds(10));
    store.releaseLease("l", "b");
    assertThat(store.tryLease("l", "b", T0.plusSeconds(1), T0.plusSeconds(11))).isFalse();

    store.releaseLease("l", "a");

    assertThat(store.tryLease("l", "b", T0.plusSeconds(1), T0.plusSeconds(11))).isTrue();
  }

  @Test
  void leasesAreIndependentByName() {
    assertThat(store.tryLease("x", "a", T0, T0.plusSeconds(10))).isTrue();
    assertThat(store.tryLease("y", "b", T0, T0.plusSeconds(10))).isTrue();
  }

  @Test
  void anEmbeddedH2StoreIsNotSharedSoItsInstanceLeadsAtOnce() {
    assertThat(store.shared()).isFalse();
    try (KubeMin kubemin =
        KubeMin.builder().dataStore(store).jobExecutor(new RecordingJobExecutor()).build()) {
      kubemin.start();
      assertThat(kubemin.isLeader()).isTrue();
    }
  }
}
