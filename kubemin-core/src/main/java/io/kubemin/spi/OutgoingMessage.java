package io.kubemin.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One message to append with {@link Queue#enqueueAll}.
 *
 * @param key ordering key (messages with one key stay in order where the broker supports it)
 * @param payload the message body
 * @param headers small text headers carried beside the body, such as the W3C {@code traceparent} of
 *     the dispatch (a Redis stream field, a Kafka record header); queues that cannot carry them
 *     drop them, and readers treat them as optional
 */
public record OutgoingMessage(String key, byte[] payload, Map<String, String> headers) {
  /** Checks that the payload is given; no headers is an empty map. */
  public OutgoingMessage {
    Objects.requireNonNull(payload, "payload");
    headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
  }

  /** A message without headers. */
  public OutgoingMessage(String key, byte[] payload) {
    this(key, payload, Map.of());
  }
}
