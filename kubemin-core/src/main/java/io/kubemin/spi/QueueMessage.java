package io.kubemin.spi;

import java.util.Objects;

/**
 * A message read from a {@link Queue}.
 *
 * @param id broker id, used to ack
 * @param payload the bytes enqueued
 * @param deliveries how many times it has been delivered, this one included (at least 1)
 */
public record QueueMessage(String id, byte[] payload, int deliveries) {
  public QueueMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueueMessage that
        && id.equals(that.id)
        && java.util.Arrays.equals(payload, that.payload)
        && deliveries == that.deliveries;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, java.util.Arrays.hashCode(payload), deliveries);
  }

  @Override
  public String toString() {
    return "QueueMessage[id="
        + id
        + ", bytes="
        + payload.length
        + ", deliveries="
        + deliveries
        + "]";
  }
}
