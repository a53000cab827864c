package io.kubemin.queue.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
  private final DeliveryLedger ledger = new DeliveryLedger();

  private static ConsumerRecord<String, byte[]> record(int partition, long offset) {
    return new ConsumerRecord<>("topic", partition, offset, "key", new byte[0]);
  }

  @Test
  void aRecordHandedOutAgainCountsItsDeliveries() {
    assertThat(ledger.handOut(null, record(0, 3))).isEqualTo(1);
    ledger.drop(null, List.of(record(0, 3)));

    assertThat(ledger.handOut(null, record(0, 3))).isEqualTo(2);
    assertThat(ledger.handOut(null, record(1, 3))).isEqualTo(1);
  }

  @Test
  void aCommitForgetsTheCountsBeforeIt() {
    ledger.handOut(null, record(0, 3));
    ledger.handOut(null, record(0, 4));

    ledger.committed(0, 4);

    assertThat(ledger.handOut(null, record(0, 3))).isEqualTo(1);
    assertThat(ledger.handOut(null, record(0, 4))).isEqualTo(2);
  }

  @Test
  void pendingCountsHandedOutRecordsUntilTakenOrDropped() {
    ledger.handOut(null, record(0, 1));
    ledger.handOut(null, record(0, 2));
    assertThat(ledger.pending()).isEqualTo(2);

    assertThat(ledger.take("0:1")).isNotNull();
    assertThat(ledger.take("0:1")).isNull();
    ledger.drop(null, List.of(record(0, 2)));

    assertThat(ledger.pending()).isZero();
  }
}
