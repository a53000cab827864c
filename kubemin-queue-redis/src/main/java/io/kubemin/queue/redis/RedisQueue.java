package io.kubemin.queue.redis;

import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueException;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.QueueStats;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Queue} on a Redis stream ({@code <prefix>.workflow.dispatch}, one field {@code p} with
 * the payload) read through consumer groups created at {@code 0}. Enqueue, ack, claim and stats
 * share one multiplexed connection; each concurrent blocking read has a connection of its own, so a
 * blocked read never delays the others. A stream or group that vanished (Redis restarted without
 * persistence, or flushed) is created again on the next read, claim or stats call. See {@code
 * docs/queue-redis.md}.
 */
public final class RedisQueue implements Queue {
  private static final Logger LOG = LoggerFactory.getLogger(RedisQueue.class);
  private static final String PAYLOAD = "p";

  /** Prefix of the stream fields that carry a message's headers ("h:traceparent"). */
  static final String HEADER_PREFIX = "h:";

  private static final Duration MAX_READ_SLICE = Duration.ofMillis(500);
  private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}(-\\d{1,20})?");

  private final RedisQueueSettings settings;
  private final String stream;
  private final Duration readSlice;
  private final RedisConnections redis;
  private final StreamClaims claims;
  private final AtomicLong losses = new AtomicLong();
  private volatile String runId;
  private volatile boolean closed;

  /**
   * Connects to Redis.
   *
   * @throws QueueException when Redis cannot be reached
   */
  public RedisQueue(RedisQueueSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.stream = settings.streamKey();
    Duration halfTimeout = settings.commandTimeout().dividedBy(2);
    this.readSlice = halfTimeout.compareTo(MAX_READ_SLICE) < 0 ? halfTimeout : MAX_READ_SLICE;
    this.redis = new RedisConnections(settings);
    this.claims = new StreamClaims(stream, redis);
    LOG.info("Redis queue on {} (stream {})", settings, stream);
  }

  /** The settings this queue was created with. */
  public RedisQueueSettings settings() {
    return settings;
  }

  @Override
  public void ensureGroup(String group) {
    requireName(group, "group");
    checkOpen();
    try {
      redis
          .commands()
          .xgroupCreate(StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
      LOG.info("created consumer group {} on {} at 0", group, stream);
    } catch (RedisException e) {
      if (!RedisErrors.isBusyGroup(e)) {
        throw failure("create consumer group " + group + " on", e);
      }
    }
  }

  @Override
  public String enqueue(String key, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    checkOpen();
    try {
      return redis.commands().xadd(stream, trimming(), Map.of(PAYLOAD, payload));
    } catch (RedisException e) {
      throw failure("add to", e);
    }
  }

  /** {@inheritDoc} Pipelined: every XADD is sent before the first reply is awaited. */
  @Override
  public List<String> enqueueAll(List<io.kubemin.spi.OutgoingMessage> messages) {
    checkOpen();
    List<io.lettuce.core.RedisFuture<String>> sent = new java.util.ArrayList<>(messages.size());
    try {
      for (io.kubemin.spi.OutgoingMessage message : messages) {
        sent.add(redis.async().xadd(stream, trimming(), fields(message)));
      }
      List<String> ids = new java.util.ArrayList<>(sent.size());
      for (io.lettuce.core.RedisFuture<String> future : sent) {
        ids.add(awaitAdded(future));
      }
      return ids;
    } catch (RedisException e) {
      throw failure("add to", e);
    }
  }

  private static Map<String, byte[]> fields(io.kubemin.spi.OutgoingMessage message) {
    if (message.headers().isEmpty()) {
      return Map.of(PAYLOAD, message.payload());
    }
    Map<String, byte[]> fields = new LinkedHashMap<>();
    fields.put(PAYLOAD, message.payload());
    message.headers().forEach((name, value) -> fields.put(HEADER_PREFIX + name, utf8(value)));
    return fields;
  }

  private String awaitAdded(io.lettuce.core.RedisFuture<String> future) {
    try {
      if (!future.await(
          settings.commandTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new io.lettuce.core.RedisCommandTimeoutException("XADD timed out");
      }
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted while adding", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RedisException redisFailure
          ? redisFailure
          : new RedisException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  @Override
  public List<QueueMessage> readGroup(String group, String consumer, int max, Duration block) {
    requireName(group, "group");
    requireName(consumer, "consumer");
    requirePositive(max, "max");
    checkOpen();
    long deadline = System.nanoTime() + block.toNanos();
    BlockingReaders.Reader reader = borrowReader();
    if (reader == null) {
      return List.of();
    }
    try {
      // Short blocking slices keep a read from outliving the command timeout.
      while (!Thread.currentThread().isInterrupted()) {
        long remaining = Math.max(0, deadline - System.nanoTime());
        Duration slice = Duration.ofNanos(Math.min(remaining, readSlice.toNanos()));
        List<QueueMessage> read = readOnce(reader, Consumer.from(group, consumer), max, slice);
        if (!read.isEmpty() || deadline - System.nanoTime() <= 0) {
          return read;
        }
      }
      return List.of();
    } finally {
      redis.readers().release(reader);
    }
  }

  /** A read connection, or {@code null} when the thread is interrupted. */
  private BlockingReaders.Reader borrowReader() {
    if (Thread.currentThread().isInterrupted()) {
      return null;
    }
    try {
      return redis.readers().borrow();
    } catch (QueueException e) {
      if (Thread.currentThread().isInterrupted()) {
        return null;
      }
      throw e;
    }
  }

  private List<QueueMessage> readOnce(
      BlockingReaders.Reader reader, Consumer<String> consumer, int max, Duration slice) {
    try {
      List<QueueMessage> read = new ArrayList<>();
      for (StreamMessage<String, byte[]> entry :
          reader.read(consumer, StreamOffset.lastConsumed(stream), max, slice)) {
        read.add(message(entry, 1));
      }
      return read;
    } catch (RedisException e) {
      if (closed) {
        throw new IllegalStateException("queue is closed", e);
      }
      if (RedisErrors.isNoGroup(e)) {
        recreateGroup(consumer.getGroup());
        return List.of();
      }
      throw failure("read from", e);
    }
  }

  @Override
  public void ack(String group, Collection<String> ids) {
    requireName(group, "group");
    String[] valid =
        ids.stream().filter(id -> STREAM_ID.matcher(id).matches()).toArray(String[]::new);
    if (valid.length == 0) {
      return;
    }
    checkOpen();
    try {
      redis.commands().xack(stream, group, valid);
    } catch (RedisException e) {
      throw failure("acknowledge on", e);
    }
  }

  @Override
  public List<QueueMessage> autoClaim(String group, String consumer, Duration minIdle, int max) {
    requireName(group, "group");
    requireName(consumer, "consumer");
    requirePositive(max, "max");
    checkOpen();
    try {
      return claims.claim(group, consumer, minIdle, max);
    } catch (RedisException e) {
      if (RedisErrors.isNoGroup(e)) {
        recreateGroup(group);
        return List.of();
      }
      throw failure("claim from", e);
    }
  }

  @Override
  public void deadLetter(String group, QueueMessage message, String reason) {
    requireName(group, "group");
    Objects.requireNonNull(message, "message");
    checkOpen();
    Map<String, byte[]> fields = new LinkedHashMap<>();
    fields.put(PAYLOAD, message.payload());
    message.headers().forEach((name, value) -> fields.put(HEADER_PREFIX + name, utf8(value)));
    fields.put("reason", utf8(reason == null ? "" : reason));
    fields.put("group", utf8(group));
    fields.put("id", utf8(message.id()));
    fields.put("deliveries", utf8(Integer.toString(message.deliveries())));
    try {
      redis.commands().xadd(settings.deadLetterKey(), trimming(), fields);
    } catch (RedisException e) {
      throw failure("dead-letter a message of", e);
    }
    LOG.warn(
        "dead-lettered message {} of group {} after {} deliveries: {}",
        message.id(),
        group,
        message.deliveries(),
        reason);
    ack(group, List.of(message.id()));
  }

  /**
   * Counts the stream or group found missing (on a read, claim or depth call of this client) and
   * each restart of the Redis server seen here (its {@code run_id} changed): after either, messages
   * not yet persisted may be gone. Asks Redis for its run id on each call; while Redis cannot be
   * reached it returns the count so far.
   */
  @Override
  public long losses() {
    if (closed) {
      return losses.get();
    }
    try {
      String current = runId(redis.commands().info("server"));
      String before = runId;
      if (before != null && current != null && !before.equals(current)) {
        LOG.warn(
            "Redis at {} restarted (its run id changed): messages it had not persisted may be lost",
            redis.address());
        losses.incrementAndGet();
      }
      if (current != null) {
        runId = current;
      }
    } catch (RedisException e) {
      LOG.debug("cannot ask Redis at {} for its run id", redis.address(), e);
    }
    return losses.get();
  }

  private static String runId(String info) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("run_id:")) {
        return line.substring("run_id:".length()).trim();
      }
    }
    return null;
  }

  @Override
  public QueueStats stats(String group) {
    requireName(group, "group");
    checkOpen();
    try {
      GroupInfo info = GroupInfo.find(redis.commands().xinfoGroups(stream), group);
      if (info == null) {
        ensureGroup(group);
        info = GroupInfo.find(redis.commands().xinfoGroups(stream), group);
      }
      long backlog = info == null ? 0 : info.backlog(() -> redis.commands().xlen(stream));
      long pending = info == null ? 0 : info.pending();
      return new QueueStats(backlog, pending, redis.commands().xlen(settings.deadLetterKey()));
    } catch (RedisException e) {
      if (RedisErrors.isNoGroup(e)) {
        recreateGroup(group);
        return new QueueStats(0, 0, redis.commands().xlen(settings.deadLetterKey()));
      }
      throw failure("read the depth of", e);
    }
  }

  /** Closes the connections; a read in progress ends with {@link IllegalStateException}. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      redis.close();
    }
  }

  static QueueMessage message(StreamMessage<String, byte[]> entry, int deliveries) {
    // An entry some other writer added without our field still reaches the engine, which
    // dead-letters the empty payload instead of skipping it forever.
    Map<String, byte[]> body = entry.getBody() == null ? Map.of() : entry.getBody();
    byte[] payload = body.get(PAYLOAD);
    Map<String, String> headers = Map.of();
    if (body.size() > 1) {
      headers = new java.util.HashMap<>();
      for (Map.Entry<String, byte[]> field : body.entrySet()) {
        if (field.getKey().startsWith(HEADER_PREFIX) && field.getValue() != null) {
          headers.put(
              field.getKey().substring(HEADER_PREFIX.length()),
              new String(field.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return new QueueMessage(
        entry.getId(), payload == null ? new byte[0] : payload, deliveries, headers);
  }

  private XAddArgs trimming() {
    XAddArgs args = new XAddArgs();
    if (settings.maxlen() > 0) {
      args.maxlen(settings.maxlen()).approximateTrimming();
    }
    return args;
  }

  private void recreateGroup(String group) {
    losses.incrementAndGet();
    LOG.warn(
        "stream {} or its consumer group {} is gone (Redis restarted or flushed?): creating it"
            + " again",
        stream,
        group);
    ensureGroup(group);
  }

  private QueueException failure(String action, RedisException cause) {
    String message = "cannot " + action + " stream " + stream + " at " + redis.address();
    return new QueueException(message + ": " + cause.getMessage(), cause);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("queue is closed");
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void requireName(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
