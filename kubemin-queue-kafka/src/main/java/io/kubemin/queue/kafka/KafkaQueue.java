package io.kubemin.queue.kafka;

import io.kubemin.queue.kafka.internal.ConsumerWorker;
import io.kubemin.queue.kafka.internal.DeliveryLedger;
import io.kubemin.queue.kafka.internal.DeliveryLedger.Delivery;
import io.kubemin.queue.kafka.internal.KafkaClients;
import io.kubemin.queue.kafka.internal.KafkaFutures;
import io.kubemin.queue.kafka.internal.TopicAdmin;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueMessage;
import io.kubemin.spi.QueueStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Queue} on a Kafka topic, {@code <prefix>.workflow.dispatch}. Messages are keyed by the
 * {@code key} argument (the application id), so one application's tasks stay in order on one
 * partition. Each consumer name is one member of the Kafka consumer group, polled by a thread of
 * its own; records are handed out from a buffer and committed when acknowledged, never past an
 * unacknowledged one. Records a member held when it left are redelivered through the group's
 * rebalance, so {@link #autoClaim} returns nothing.
 *
 * <p>One instance serves one consumer group: the first {@code group} argument it sees is bound to
 * the Kafka group id {@link KafkaQueueSettings#groupId()}; another name is rejected.
 */
public final class KafkaQueue implements Queue {
  /** Header on a dead-lettered record: why it was moved. */
  public static final String REASON_HEADER = "kubemin-reason";

  /** Header on a dead-lettered record: {@code <topic>:<partition>:<offset>} it came from. */
  public static final String SOURCE_HEADER = "kubemin-source";

  private static final Logger log = LoggerFactory.getLogger(KafkaQueue.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaQueueSettings settings;
  private final KafkaClients clients;
  private KafkaProducer<String, byte[]> producer;
  private final TopicAdmin topics;
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final Map<String, ConsumerWorker> workers = new ConcurrentHashMap<>();
  private final AtomicLong deadLettered = new AtomicLong();
  private final Object binding = new Object();
  private String boundGroup;
  private boolean topicsReady;
  private volatile boolean closed;

  /** Creates the clients; nothing connects to the brokers until the first call. */
  public KafkaQueue(KafkaQueueSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = new KafkaClients(settings);
    this.topics = new TopicAdmin(clients::admin, settings);
    log.info("Kafka queue: {}", settings);
  }

  /** The settings this queue runs with. */
  public KafkaQueueSettings settings() {
    return settings;
  }

  /**
   * Creates the topics if missing and the broker allows it; with {@code offsetReset=latest} starts
   * the group at the current end, so nothing enqueued from now on is missed.
   */
  @Override
  public void ensureGroup(String group) {
    bind(group);
  }

  /**
   * Sends the record and waits for the broker to store it.
   *
   * @return {@code <partition>:<offset>}
   */
  @Override
  public String enqueue(String key, byte[] payload) {
    checkOpen();
    Objects.requireNonNull(payload, "payload");
    RecordMetadata stored =
        KafkaFutures.await(
            producer().send(new ProducerRecord<>(settings.dispatchTopic(), key, payload)),
            SEND_TIMEOUT,
            "send to " + settings.dispatchTopic());
    return stored.partition() + ":" + stored.offset();
  }

  /**
   * Sends every record before waiting for the broker, so the producer batches them.
   *
   * @return {@code <partition>:<offset>} of each record, in order
   */
  @Override
  public List<String> enqueueAll(List<io.kubemin.spi.OutgoingMessage> messages) {
    checkOpen();
    List<java.util.concurrent.Future<RecordMetadata>> sent =
        new java.util.ArrayList<>(messages.size());
    for (io.kubemin.spi.OutgoingMessage message : messages) {
      sent.add(
          producer()
              .send(
                  new ProducerRecord<>(
                      settings.dispatchTopic(),
                      null,
                      message.key(),
                      message.payload(),
                      recordHeaders(message.headers()))));
    }
    List<String> ids = new java.util.ArrayList<>(sent.size());
    for (java.util.concurrent.Future<RecordMetadata> future : sent) {
      RecordMetadata stored =
          KafkaFutures.await(future, SEND_TIMEOUT, "send to " + settings.dispatchTopic());
      ids.add(stored.partition() + ":" + stored.offset());
    }
    return ids;
  }

  private static RecordHeaders recordHeaders(Map<String, String> headers) {
    RecordHeaders record = new RecordHeaders();
    headers.forEach((name, value) -> record.add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /**
   * Reads from the consumer's buffer; the first call for a consumer name makes it join the group,
   * which takes a moment. Deliveries are counted per record within this instance.
   */
  @Override
  public List<QueueMessage> readGroup(String group, String consumer, int max, Duration block) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(block, "block");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    bind(group);
    return worker(consumer).take(max, block);
  }

  private ConsumerWorker worker(String consumer) {
    ConsumerWorker worker = workers.computeIfAbsent(consumer, this::startWorker);
    if (worker.hasStopped()) {
      workers.remove(consumer, worker);
      if (worker.failure() != null) {
        throw worker.failed();
      }
      return workers.computeIfAbsent(consumer, this::startWorker);
    }
    return worker;
  }

  private ConsumerWorker startWorker(String consumer) {
    checkOpen();
    return new ConsumerWorker(
        consumer,
        settings.dispatchTopic(),
        clients.consumer(consumer),
        ledger,
        settings.bufferCapacity(),
        settings.rebalanceGrace());
  }

  /**
   * Marks the records acknowledged and returns; the consumer's poll thread then commits, without
   * blocking the caller, up to the highest offset below which every record is acknowledged. Ids of
   * records whose partition moved to another member, and unknown ids, are ignored.
   */
  @Override
  public void ack(String group, Collection<String> ids) {
    bind(group);
    Map<ConsumerWorker, List<ConsumerRecord<String, byte[]>>> byOwner = new LinkedHashMap<>();
    for (String id : ids) {
      Delivery delivery = ledger.take(id);
      if (delivery != null) {
        byOwner.computeIfAbsent(delivery.owner(), o -> new ArrayList<>()).add(delivery.record());
      }
    }
    byOwner.forEach(ConsumerWorker::acknowledge);
  }

  /** Always empty: records of a member that left are redelivered by the group's rebalance. */
  @Override
  public List<QueueMessage> autoClaim(String group, String consumer, Duration minIdle, int max) {
    bind(group);
    return List.of();
  }

  /**
   * Sends the message to {@code <prefix>.workflow.dispatch.dead}, with the same key, the reason in
   * header {@value #REASON_HEADER} and the origin in {@value #SOURCE_HEADER}, then acknowledges it.
   */
  @Override
  public void deadLetter(String group, QueueMessage message, String reason) {
    bind(group);
    Delivery delivery = ledger.peek(message.id());
    String key = delivery == null ? null : delivery.record().key();
    RecordHeaders headers = recordHeaders(message.headers());
    headers.add(REASON_HEADER, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
    headers.add(
        SOURCE_HEADER,
        (settings.dispatchTopic() + ":" + message.id()).getBytes(StandardCharsets.UTF_8));
    KafkaFutures.await(
        producer()
            .send(
                new ProducerRecord<>(
                    settings.deadLetterTopic(), null, key, message.payload(), headers)),
        SEND_TIMEOUT,
        "send to " + settings.deadLetterTopic());
    deadLettered.incrementAndGet();
    ack(group, List.of(message.id()));
  }

  /**
   * Backlog: consumer lag of the group on the broker less the records this instance handed out and
   * not acknowledged; pending: those records; dead-lettered: messages this instance moved. What
   * this instance's consumers acknowledged is committed first, so the lag is current.
   */
  @Override
  public QueueStats stats(String group) {
    bind(group);
    workers.values().forEach(worker -> worker.flush(FLUSH_TIMEOUT));
    long pending = ledger.pending();
    long backlog = Math.max(0, topics.lag() - pending);
    return new QueueStats(backlog, pending, deadLettered.get());
  }

  /** {@inheritDoc} The queue serves one group: {@link #closeConsumer(String)}. */
  @Override
  public void closeConsumer(String group, String consumer) {
    closeConsumer(consumer);
  }

  /**
   * Stops one consumer: it leaves the group without waiting for the records it handed out, and
   * those not acknowledged are delivered again to the group's other members. A later read with the
   * same name joins the group anew.
   */
  public void closeConsumer(String consumer) {
    ConsumerWorker worker = workers.remove(consumer);
    if (worker != null) {
      worker.stop(STOP_TIMEOUT);
    }
  }

  /** Stops every consumer (unacknowledged records go back to the group), then the clients. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List.copyOf(workers.keySet()).forEach(this::closeConsumer);
    synchronized (this) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    }
    topics.close();
  }

  private synchronized KafkaProducer<String, byte[]> producer() {
    checkOpen();
    if (producer == null) {
      producer = clients.producer();
    }
    return producer;
  }

  private void bind(String group) {
    Objects.requireNonNull(group, "group");
    checkOpen();
    synchronized (binding) {
      if (boundGroup == null) {
        boundGroup = group;
      } else if (!boundGroup.equals(group)) {
        throw new IllegalArgumentException(
            "this Kafka queue serves group '"
                + boundGroup
                + "' (Kafka group id "
                + settings.groupId()
                + "), not '"
                + group
                + "': open another KafkaQueue with group=… for a second group");
      }
      if (!topicsReady) {
        topics.ensureTopics();
        if (settings.offsetReset() == KafkaQueueSettings.OffsetReset.LATEST) {
          topics.startGroupAtEnd();
        }
        topicsReady = true;
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("queue is closed");
    }
  }
}
