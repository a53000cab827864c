package io.kubemin.queue.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Connections that only run blocking {@code XREADGROUP}s: a blocked read holds up its whole
 * connection, so each concurrent reader borrows one of its own and gives it back afterwards.
 */
final class BlockingReaders implements AutoCloseable {
  private final Supplier<StatefulRedisConnection<String, byte[]>> connector;
  private final LongConsumer unblocker;
  private final Deque<Reader> idle = new ConcurrentLinkedDeque<>();
  private final Set<Reader> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param connector opens a new connection
   * @param unblocker ends the blocking command of the client with this id (CLIENT UNBLOCK), from
   *     another connection
   */
  BlockingReaders(
      Supplier<StatefulRedisConnection<String, byte[]>> connector, LongConsumer unblocker) {
    this.connector = connector;
    this.unblocker = unblocker;
  }

  Reader borrow() {
    checkOpen();
    Reader reader = idle.pollFirst();
    if (reader != null) {
      return reader;
    }
    reader = new Reader(connector.get());
    open.add(reader);
    if (closed) {
      reader.connection.close();
      checkOpen();
    }
    return reader;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("queue is closed");
    }
  }

  void release(Reader reader) {
    if (closed) {
      reader.connection.close();
    } else {
      idle.addFirst(reader);
    }
  }

  int size() {
    return open.size();
  }

  @Override
  public void close() {
    closed = true;
    for (Reader reader : open) {
      reader.connection.close();
    }
  }

  /** One connection for blocking reads. */
  final class Reader {
    private final StatefulRedisConnection<String, byte[]> connection;

    private Reader(StatefulRedisConnection<String, byte[]> connection) {
      this.connection = connection;
    }

    /**
     * Reads new entries for the consumer, blocking up to {@code block} (whole milliseconds; less
     * than 1 ms does not block). When the thread is interrupted the blocked command is ended at
     * once and what it already read is returned, so no entry is left pending unseen; the interrupt
     * flag stays set.
     *
     * @throws RedisException when Redis refuses the read or cannot be reached
     */
    @SuppressWarnings("unchecked") // Lettuce takes the one stream offset as a generic varargs
    List<StreamMessage<String, byte[]>> read(
        Consumer<String> consumer, XReadArgs.StreamOffset<String> offset, int max, Duration block) {
      XReadArgs args = XReadArgs.Builder.count(max);
      if (block.toMillis() >= 1) {
        args.block(block.toMillis());
      }
      // CLIENT ID travels in the same pipeline, so it costs no extra round trip and stays right
      // after a reconnect.
      RedisFuture<Long> clientId = connection.async().clientId();
      RedisFuture<List<StreamMessage<String, byte[]>>> read =
          connection.async().xreadgroup(consumer, args, offset);
      try {
        return read.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unblock(clientId);
        return awaitUninterruptibly(read);
      } catch (ExecutionException e) {
        throw RedisErrors.unwrap(e.getCause());
      }
    }

    private void unblock(RedisFuture<Long> clientId) {
      try {
        unblocker.accept(awaitUninterruptibly(clientId));
      } catch (RuntimeException e) {
        // The read then ends with its block slice instead of at once.
      }
    }
  }

  private static <T> T awaitUninterruptibly(RedisFuture<T> future) {
    try {
      return future.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw RedisErrors.unwrap(e.getCause());
    }
  }
}
