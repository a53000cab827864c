package io.kubemin.queue.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

/** Recognises the Redis errors the queue recovers from. */
final class RedisErrors {
  private RedisErrors() {}

  /** The stream or the consumer group is gone (Redis restarted without persistence or flushed). */
  static boolean isNoGroup(Throwable error) {
    return hasPrefix(error, "NOGROUP") || hasPrefix(error, "ERR no such key");
  }

  /** XGROUP CREATE found the group already there. */
  static boolean isBusyGroup(Throwable error) {
    return hasPrefix(error, "BUSYGROUP");
  }

  /** The failure as a Lettuce exception, whatever wrapped it. */
  static RedisException unwrap(Throwable error) {
    return error instanceof RedisException redis ? redis : new RedisException(error);
  }

  private static boolean hasPrefix(Throwable error, String prefix) {
    return error instanceof RedisCommandExecutionException
        && error.getMessage() != null
        && error.getMessage().startsWith(prefix);
  }
}
