package io.kubemin.queue.redis;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates {@link RedisQueue}s for the provider type {@code redis}. The {@code uri} setting is a
 * {@code redis://} or {@code rediss://} URI (default {@code redis://127.0.0.1:6379}); any other
 * setting is read like the URI query parameter of the same name and wins over it.
 */
public final class RedisQueueProvider implements QueueProvider {
  /** The URI used when the settings name none. */
  public static final String DEFAULT_URI = "redis://127.0.0.1:6379";

  @Override
  public String type() {
    return "redis";
  }

  /** {@code redis://} and, with TLS, {@code rediss://}. */
  @Override
  public List<String> schemes() {
    return List.of("redis://", "rediss://");
  }

  @Override
  public Queue create(Map<String, String> settings) {
    Map<String, String> overrides = new HashMap<>(settings);
    String uri = overrides.remove("uri");
    return new RedisQueue(RedisUriParser.parse(uri == null ? DEFAULT_URI : uri, overrides));
  }
}
