package io.kubemin.queue.kafka.internal;

import io.kubemin.spi.QueueException;
import io.kubemin.spi.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer name's Kafka consumer, owned by a dedicated poll thread because the consumer is not
 * thread-safe. The thread keeps polling while handed-out records are processed elsewhere, pausing
 * its partitions while the buffer is full, so a long task never exceeds {@code
 * max.poll.interval.ms}. Readers take records from the buffer; acknowledgements are passed to the
 * poll thread, which commits them.
 */
public final class ConsumerWorker {
  private static final Logger log = LoggerFactory.getLogger(ConsumerWorker.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Consumer<String, byte[]> consumer;
  private final DeliveryLedger ledger;
  private final Duration rebalanceGrace;
  private final ConsumerBuffer buffer;
  private final OffsetCommitter committer;
  private final LinkedBlockingQueue<Acknowledgement> acks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean inPoll;
  private volatile RuntimeException failure;

  /**
   * Starts the poll thread, subscribed to {@code topic}.
   *
   * @param name the consumer name, used in the thread name
   * @param consumer the consumer; this worker owns and closes it
   * @param ledger the queue's record of handed-out messages
   * @param capacity records buffered before the partitions are paused
   * @param rebalanceGrace how long to wait for acks when partitions move away
   */
  public ConsumerWorker(
      String name,
      String topic,
      Consumer<String, byte[]> consumer,
      DeliveryLedger ledger,
      int capacity,
      Duration rebalanceGrace) {
    this.name = name;
    this.consumer = consumer;
    this.ledger = ledger;
    this.rebalanceGrace = rebalanceGrace;
    this.buffer = new ConsumerBuffer(capacity);
    this.committer = new OffsetCommitter(consumer, this::committed);
    this.thread = new Thread(() -> run(topic), "kubemin-kafka-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Hands out up to {@code max} buffered records, waiting up to {@code block} for the first.
   * Returns early and empty when interrupted (flag kept) or when the worker stopped.
   */
  public List<QueueMessage> take(int max, Duration block) {
    return buffer.take(max, block, this::handOut, this::wakeUpPoll);
  }

  private QueueMessage handOut(ConsumerRecord<String, byte[]> record) {
    int deliveries = ledger.handOut(this, record);
    byte[] payload = record.value() == null ? new byte[0] : record.value();
    return new QueueMessage(DeliveryLedger.idOf(record), payload, deliveries, headers(record));
  }

  private static java.util.Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    java.util.Map<String, String> headers = new java.util.HashMap<>();
    for (org.apache.kafka.common.header.Header header : record.headers()) {
      if (header.value() != null) {
        headers.put(
            header.key(), new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return headers;
  }

  /**
   * Marks records acknowledged; the poll thread commits them asynchronously on its next turn. Ids
   * of records whose partition moved away meanwhile are ignored (they are delivered elsewhere).
   */
  public void acknowledge(List<ConsumerRecord<String, byte[]>> records) {
    acks.add(new Acknowledgement(records, null));
  }

  /**
   * Has the poll thread commit everything acknowledged so far and waits until it did (or the
   * timeout passed, or the worker stopped).
   */
  public void flush(Duration timeout) {
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    acks.add(new Acknowledgement(List.of(), flushed));
    if (buffer.isClosed()) {
      // The poll thread may have drained its last requests already.
      flushed.complete(null);
    }
    wakeUpPoll();
    try {
      flushed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("commits of consumer {} not confirmed: {}", name, e.toString());
    }
  }

  /** Whether the poll thread has ended; {@link #failure()} says why if it failed. */
  public boolean hasStopped() {
    return buffer.isClosed();
  }

  /** What ended the poll thread, or null. */
  public RuntimeException failure() {
    return failure;
  }

  /** The failure as a queue exception, for a reader. */
  public QueueException failed() {
    return new QueueException("Kafka consumer " + name + " failed: " + failure, failure);
  }

  /**
   * Stops polling and leaves the group without waiting for handed-out records: those not yet
   * acknowledged are delivered again to the group's other members.
   */
  public void stop(Duration timeout) {
    running = false;
    consumer.wakeup();
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(String topic) {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        apply(drainAcks());
        throttle();
        pollOnce();
      }
      commitBeforeLeaving();
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
        log.warn("consumer {} stopped: {}", name, e.toString());
      }
    } finally {
      shutdown();
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records;
    inPoll = true;
    try {
      if (!running) {
        return;
      }
      records = consumer.poll(POLL_TIMEOUT);
    } catch (WakeupException e) {
      return;
    } finally {
      inPoll = false;
    }
    if (!records.isEmpty()) {
      buffer.add(records);
    }
  }

  /** Pauses fetching while the buffer is full, so memory stays bounded and polling goes on. */
  private void throttle() {
    if (buffer.isFull()) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void wakeUpPoll() {
    // Only poll should see the wakeup; a late one is absorbed by OffsetCommitter's retry.
    if (inPoll) {
      consumer.wakeup();
    }
  }

  private List<Acknowledgement> drainAcks() {
    List<Acknowledgement> drained = new ArrayList<>();
    acks.drainTo(drained);
    return drained;
  }

  private void apply(List<Acknowledgement> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    List<CompletableFuture<Void>> flushes = new ArrayList<>();
    for (Acknowledgement ack : batch) {
      records.addAll(ack.records());
      if (ack.flushed() != null) {
        flushes.add(ack.flushed());
      }
    }
    Map<TopicPartition, Long> toCommit = buffer.acknowledge(records);
    if (flushes.isEmpty()) {
      committer.commitAsync(toCommit);
      return;
    }
    toCommit.putAll(buffer.commitCandidates(consumer.assignment()));
    committer.commitSync(toCommit);
    flushes.forEach(flushed -> flushed.complete(null));
  }

  private void committed(Map<TopicPartition, Long> offsets) {
    buffer.committed(offsets);
    offsets.forEach((partition, offset) -> ledger.committed(partition.partition(), offset));
  }

  /** Waits, within the grace, for acks of records handed out from partitions moving away. */
  private void awaitAcks(Collection<TopicPartition> leaving) {
    long deadline = System.nanoTime() + rebalanceGrace.toNanos();
    while (running && buffer.hasHandedOut(leaving) && System.nanoTime() < deadline) {
      Acknowledgement first;
      try {
        first = acks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        return;
      }
      List<Acknowledgement> batch = new ArrayList<>(List.of(first));
      batch.addAll(drainAcks());
      apply(batch);
    }
  }

  private void commitBeforeLeaving() {
    apply(drainAcks());
    committer.commitSync(buffer.commitCandidates(consumer.assignment()));
  }

  private void shutdown() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException e) {
      log.debug("closing consumer {}: {}", name, e.toString());
    }
    ledger.drop(this, buffer.close());
    drainAcks().stream()
        .filter(ack -> ack.flushed() != null)
        .forEach(ack -> ack.flushed().complete(null));
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      awaitAcks(partitions);
      apply(drainAcks());
      committer.commitSync(buffer.commitCandidates(partitions));
      ledger.drop(ConsumerWorker.this, buffer.forget(partitions));
      log.debug("consumer {} gave up partitions {}", name, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      ledger.drop(ConsumerWorker.this, buffer.forget(partitions));
      log.info("consumer {} lost partitions {} without committing", name, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      log.debug("consumer {} assigned partitions {}", name, partitions);
    }
  }

  /** Records acknowledged, or (with {@code flushed}) a request to commit synchronously. */
  private record Acknowledgement(
      List<ConsumerRecord<String, byte[]>> records, CompletableFuture<Void> flushed) {}
}
