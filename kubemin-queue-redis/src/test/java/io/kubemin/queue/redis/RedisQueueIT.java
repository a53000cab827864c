package io.kubemin.queue.redis;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueContract;
import org.junit.jupiter.api.AfterEach;

/** The queue contract on the real Redis. */
class RedisQueueIT extends QueueContract {
  private TestRedis redis;

  @Override
  protected Queue newQueue() {
    redis = TestRedis.open();
    return redis.newQueue();
  }

  @AfterEach
  void deleteKeys() {
    if (redis != null) {
      redis.close();
    }
  }
}
