package io.kubemin.queue.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private final PartitionProgress progress = new PartitionProgress();

  @Test
  void nothingIsWorthCommittingBeforeTheFirstAck() {
    progress.fetched(5);
    progress.fetched(6);

    assertThat(progress.commitCandidate()).isEqualTo(-1);
  }

  @Test
  void anUnacknowledgedRecordHoldsBackTheCommit() {
    progress.fetched(5);
    progress.fetched(6);
    progress.fetched(7);

    progress.acknowledged(6);
    progress.acknowledged(7);
    assertThat(progress.commitCandidate()).isEqualTo(-1);

    progress.acknowledged(5);
    assertThat(progress.commitCandidate()).isEqualTo(8);
  }

  @Test
  void theCommitMovesOnlyForward() {
    progress.fetched(0);
    progress.fetched(1);
    progress.acknowledged(0);
    assertThat(progress.commitCandidate()).isEqualTo(1);

    progress.committed(1);
    assertThat(progress.commitCandidate()).isEqualTo(-1);
  }

  @Test
  void gapsInOffsetsAreCommittedPast() {
    progress.fetched(10);
    progress.fetched(15);
    progress.acknowledged(10);
    progress.acknowledged(15);

    assertThat(progress.commitCandidate()).isEqualTo(16);
  }
}
