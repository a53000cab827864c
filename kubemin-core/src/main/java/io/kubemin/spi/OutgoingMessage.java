package io.kubemin.spi;

import java.util.Objects;

/**
 * One message to append with {@link Queue#enqueueAll}.
 *
 * @param key ordering key (messages with one key stay in order where the broker supports it)
 * @param payload the message body
 */
public record OutgoingMessage(String key, byte[] payload) {
  /** Checks that the payload is given. */
  public OutgoingMessage {
    Objects.requireNonNull(payload, "payload");
  }
}
