package io.kubemin.queue.redis;

import io.kubemin.testsupport.ExternalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * The shared Redis on 127.0.0.1:6379, seen through keys of one test only: every instance has a
 * random prefix and deletes its streams on close, so runs never collide.
 */
final class TestRedis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisQueueSettings settings;

  private TestRedis(RedisQueueSettings settings) {
    this.settings = settings;
    this.client = RedisClient.create("redis://127.0.0.1:6379");
    this.connection = client.connect();
  }

  /** Skips (or fails, when services are required) unless Redis answers. */
  static TestRedis open() {
    return open(RedisQueueSettings.builder());
  }

  static TestRedis open(RedisQueueSettings.Builder settings) {
    ExternalServices.assumeRedis();
    String prefix = "kubemin-test-" + UUID.randomUUID().toString().substring(0, 12);
    return new TestRedis(settings.host("127.0.0.1").port(6379).prefix(prefix).build());
  }

  RedisQueueSettings settings() {
    return settings;
  }

  RedisQueue newQueue() {
    return new RedisQueue(settings);
  }

  /** Plain commands for looking at or damaging the test's keys. */
  RedisCommands<String, String> redis() {
    return connection.sync();
  }

  /** Deletes this test's keys, as FLUSHDB would. */
  void deleteKeys() {
    redis().del(settings.streamKey(), settings.deadLetterKey());
  }

  @Override
  public void close() {
    deleteKeys();
    connection.close();
    client.shutdown();
  }
}
