package io.kubemin.examples.docs;

import io.kubemin.queue.redis.RedisQueue;
import io.kubemin.queue.redis.RedisQueueSettings;
import io.kubemin.spi.Providers;
import io.kubemin.spi.Queue;

/** docs/queue-redis.md: three ways to open a Redis Streams queue. */
public final class RedisQueueSetup {
  private RedisQueueSetup() {}

  /** Through the provider, as the engine and the CLI do for any {@code redis://} URI. */
  public static Queue fromProvider() {
    return Providers.openQueue("redis://127.0.0.1:6379/0?prefix=kubemin");
  }

  /** From a URI, explicitly. */
  public static Queue fromUri() {
    return new RedisQueue(RedisQueueSettings.fromUri("redis://127.0.0.1:6379"));
  }

  /** From settings built in code. */
  public static Queue fromSettings() {
    return new RedisQueue(
        RedisQueueSettings.builder().host("127.0.0.1").prefix("kubemin").maxlen(100_000).build());
  }
}
