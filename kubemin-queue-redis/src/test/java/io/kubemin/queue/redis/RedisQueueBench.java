package io.kubemin.queue.redis;

import io.kubemin.spi.DispatchMessage;
import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Queue-only throughput on a real Redis: enqueue, read and ack of dispatch messages through the
 * {@link io.kubemin.spi.Queue} methods, first one message per call, then in batches (concurrent
 * enqueuers sharing the multiplexed connection, reads and acks of many ids). Not a test: run it by
 * hand (see docs/queue-redis.md).
 *
 * <p>Arguments: {@code [redis-uri] [messages]}, default {@code redis://127.0.0.1:6379} and 20000.
 */
public final class RedisQueueBench {
  private static final String GROUP = "bench";

  private RedisQueueBench() {}

  /** Runs both modes and prints messages per second. */
  public static void main(String[] args) throws Exception {
    String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String prefix = "kubemin-bench-" + UUID.randomUUID().toString().substring(0, 8);
    // No trimming: a backlog beyond maxlen would lose entries before they are read.
    RedisQueueSettings settings =
        RedisQueueSettings.fromUri(uri).toBuilder().prefix(prefix).maxlen(0).build();
    try (RedisQueue queue = new RedisQueue(settings)) {
      queue.ensureGroup(GROUP);
      run("one call per message", messages, () -> oneByOne(queue, messages));
      run("batches (8 enqueuers, read/ack 500)", messages * 5, () -> batched(queue, messages * 5));
    } finally {
      deleteKeys(settings);
    }
  }

  private static void run(String mode, int messages, Phases phases) throws Exception {
    long[] nanos = phases.run();
    long total = nanos[0] + nanos[1];
    System.out.printf(
        "%-38s %7d msgs: enqueue %8.0f/s, read+ack %8.0f/s, end to end %8.0f/s%n",
        mode, messages, rate(messages, nanos[0]), rate(messages, nanos[1]), rate(messages, total));
  }

  private static long[] oneByOne(RedisQueue queue, int messages) {
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      queue.enqueue("app", new DispatchMessage("task" + i, 1).encode());
    }
    long enqueued = System.nanoTime();
    for (int done = 0; done < messages; ) {
      for (QueueMessage message : queue.readGroup(GROUP, "c1", 1, Duration.ofSeconds(1))) {
        queue.ack(GROUP, List.of(message.id()));
        done++;
      }
    }
    return new long[] {enqueued - start, System.nanoTime() - enqueued};
  }

  private static long[] batched(RedisQueue queue, int messages) throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        running.add(
            pool.submit(
                () -> {
                  for (int i = first; i < messages; i += threads) {
                    queue.enqueue("app", new DispatchMessage("task" + i, 1).encode());
                  }
                }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long enqueued = System.nanoTime();
    for (int done = 0; done < messages; ) {
      List<QueueMessage> read = queue.readGroup(GROUP, "c1", 500, Duration.ofSeconds(1));
      queue.ack(GROUP, read.stream().map(QueueMessage::id).toList());
      done += read.size();
    }
    return new long[] {enqueued - start, System.nanoTime() - enqueued};
  }

  private static double rate(int messages, long nanos) {
    return messages / (nanos / 1e9);
  }

  private static void deleteKeys(RedisQueueSettings settings) {
    try (RedisConnections redis = new RedisConnections(settings)) {
      redis.commands().del(settings.streamKey(), settings.deadLetterKey());
    }
  }

  private interface Phases {
    long[] run() throws Exception;
  }
}
