package io.kubemin.queue.redis;

import io.kubemin.spi.QueueException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client a queue owns: one shared, multiplexed connection for short commands and a pool
 * of connections for blocking reads. Commands fail at once while Redis is unreachable (instead of
 * piling up) and the connections reconnect by themselves.
 */
final class RedisConnections implements AutoCloseable {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String address;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> shared;
  private final BlockingReaders readers;

  /**
   * @throws QueueException when Redis cannot be reached
   */
  RedisConnections(RedisQueueSettings settings) {
    this.address = settings.host() + ":" + settings.port() + "/" + settings.database();
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, redisUri(settings));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled())
            .build());
    try {
      this.shared = connect();
    } catch (QueueException e) {
      shutdownClient();
      throw e;
    }
    this.readers = new BlockingReaders(this::connect, this::unblock);
  }

  /** Host, port and database, for messages. */
  String address() {
    return address;
  }

  RedisCommands<String, byte[]> commands() {
    return shared.sync();
  }

  RedisAsyncCommands<String, byte[]> async() {
    return shared.async();
  }

  BlockingReaders readers() {
    return readers;
  }

  private StatefulRedisConnection<String, byte[]> connect() {
    try {
      return client.connect(CODEC);
    } catch (RedisException e) {
      throw new QueueException("cannot connect to Redis at " + address, e);
    }
  }

  private void unblock(long clientId) {
    shared.sync().clientUnblock(clientId, UnblockType.TIMEOUT);
  }

  @Override
  public void close() {
    readers.close();
    shared.close();
    shutdownClient();
  }

  private void shutdownClient() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static RedisURI redisUri(RedisQueueSettings settings) {
    RedisURI.Builder uri =
        RedisURI.Builder.redis(settings.host(), settings.port())
            .withDatabase(settings.database())
            .withSsl(settings.tls())
            .withVerifyPeer(settings.verifyPeer())
            .withTimeout(settings.commandTimeout())
            .withClientName("kubemin:" + settings.prefix());
    if (settings.password() != null && settings.username() != null) {
      uri.withAuthentication(settings.username(), settings.password().toCharArray());
    } else if (settings.password() != null) {
      uri.withPassword(settings.password().toCharArray());
    }
    return uri.build();
  }
}
