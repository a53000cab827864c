package io.kubemin.internal.trace;

import io.kubemin.spi.Queue;

/** The {@code messaging.system} of a queue, and the logical destination the engine uses. */
public final class MessagingSystems {
  /** The destination name of dispatch messages in spans (the broker's topic or stream name). */
  public static final String DISPATCH_DESTINATION = "kubemin-dispatch";

  private MessagingSystems() {}

  /** {@code kafka}, {@code redis}, {@code memory}, else the queue class's simple name. */
  public static String of(Queue queue) {
    String name = queue.getClass().getSimpleName();
    return switch (name) {
      case "KafkaQueue" -> "kafka";
      case "RedisQueue" -> "redis";
      case "InMemoryQueue" -> "memory";
      default -> name.isEmpty() ? "kubemin" : name;
    };
  }
}
