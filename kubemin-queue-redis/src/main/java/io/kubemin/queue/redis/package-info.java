/**
 * API: the Redis Streams {@link io.kubemin.spi.Queue} ({@link io.kubemin.queue.redis.RedisQueue},
 * provider type {@code redis}) for distributed mode, with its settings and provider.
 */
package io.kubemin.queue.redis;
