package io.kubemin.queue.redis;

import io.kubemin.spi.QueueMessage;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Takes over entries other consumers left pending, with their delivery counts. */
final class StreamClaims {
  private static final int MAX_ROUNDS = 10;
  private final String stream;
  private final RedisConnections redis;

  StreamClaims(String stream, RedisConnections redis) {
    this.stream = stream;
    this.redis = redis;
  }

  /**
   * @throws RedisException when Redis refuses the claim or cannot be reached
   */
  List<QueueMessage> claim(String group, String consumer, Duration minIdle, int max) {
    List<StreamMessage<String, byte[]>> claimed =
        autoClaim(Consumer.from(group, consumer), minIdle, max);
    Map<String, Integer> deliveries = deliveries(group, claimed);
    List<QueueMessage> messages = new ArrayList<>();
    for (StreamMessage<String, byte[]> entry : claimed) {
      // A claim is at least the second delivery, should the entry have been acked meanwhile.
      int count = deliveries.getOrDefault(entry.getId(), 2);
      messages.add(RedisQueue.message(entry, count));
    }
    return messages;
  }

  /**
   * XAUTOCLAIM from the start of the pending list, following its cursor for a few rounds (each
   * round scans a bounded part of the list). Entries trimmed from the stream while pending come
   * back without a body, or not at all (Redis 7 drops them from the pending list): skip them.
   */
  private List<StreamMessage<String, byte[]>> autoClaim(
      Consumer<String> claimer, Duration minIdle, int max) {
    List<StreamMessage<String, byte[]>> claimed = new ArrayList<>();
    String cursor = "0-0";
    for (int round = 0; round < MAX_ROUNDS && claimed.size() < max; round++) {
      ClaimedMessages<String, byte[]> batch =
          redis
              .commands()
              .xautoclaim(
                  stream,
                  XAutoClaimArgs.Builder.xautoclaim(claimer, minIdle, cursor)
                      .count(max - claimed.size()));
      for (StreamMessage<String, byte[]> entry : batch.getMessages()) {
        if (entry.getBody() != null && !entry.getBody().isEmpty()) {
          claimed.add(entry);
        }
      }
      cursor = batch.getId();
      if (cursor == null || cursor.equals("0-0")) {
        break;
      }
    }
    return claimed;
  }

  /** XAUTOCLAIM does not report delivery counts: XPENDING does, pipelined per entry. */
  private Map<String, Integer> deliveries(
      String group, List<StreamMessage<String, byte[]>> claimed) {
    Map<String, RedisFuture<List<PendingMessage>>> pending = new LinkedHashMap<>();
    for (StreamMessage<String, byte[]> entry : claimed) {
      Range<String> only = Range.create(entry.getId(), entry.getId());
      pending.put(entry.getId(), redis.async().xpending(stream, group, only, Limit.from(1)));
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, RedisFuture<List<PendingMessage>>> entry : pending.entrySet()) {
      for (PendingMessage message : await(entry.getValue())) {
        counts.put(entry.getKey(), (int) Math.min(Integer.MAX_VALUE, message.getRedeliveryCount()));
      }
    }
    return counts;
  }

  private static <T> T await(RedisFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted while claiming", e);
    } catch (ExecutionException e) {
      throw RedisErrors.unwrap(e.getCause());
    }
  }
}
