package io.kubemin.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A message read from a {@link Queue}.
 *
 * @param id broker id, used to ack
 * @param payload the bytes enqueued
 * @param deliveries how many times it has been delivered, this one included (at least 1)
 * @param headers the headers it was enqueued with ({@link OutgoingMessage#headers()}); empty for
 *     messages enqueued without, or by a queue that does not carry them
 */
public record QueueMessage(String id, byte[] payload, int deliveries, Map<String, String> headers) {
  public QueueMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
  }

  /** A message without headers. */
  public QueueMessage(String id, byte[] payload, int deliveries) {
    this(id, payload, deliveries, Map.of());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueueMessage that
        && id.equals(that.id)
        && java.util.Arrays.equals(payload, that.payload)
        && deliveries == that.deliveries
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, java.util.Arrays.hashCode(payload), deliveries, headers);
  }

  @Override
  public String toString() {
    return "QueueMessage[id="
        + id
        + ", bytes="
        + payload.length
        + ", deliveries="
        + deliveries
        + (headers.isEmpty() ? "" : ", headers=" + headers.keySet())
        + "]";
  }
}
