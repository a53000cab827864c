package io.kubemin.queue.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Immutable configuration of a {@link KafkaQueue}. Build one with {@link #builder()} or parse a
 * {@code kafka://host:port[,host:port]?prefix=…&group=…} URI with {@link #fromUri(String)}.
 */
public final class KafkaQueueSettings {
  /** Topics are named {@code <prefix>.workflow.dispatch} and {@code ….dead}. */
  public static final String DEFAULT_TOPIC_PREFIX = "kubemin";

  /** The Kafka consumer group id. */
  public static final String DEFAULT_GROUP_ID = "kubemin-workflow-workers";

  /** Where a group without committed offsets starts. */
  public static final OffsetReset DEFAULT_OFFSET_RESET = OffsetReset.EARLIEST;

  /** Partitions of a topic the queue creates; the upper bound of consumers sharing the work. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** Replication factor of a topic the queue creates; {@code -1} means the broker's default. */
  public static final short DEFAULT_REPLICATION = -1;

  /** Records one consumer buffers before it pauses fetching. */
  public static final int DEFAULT_BUFFER_CAPACITY = 100;

  /** How long a consumer losing partitions waits for acks of records it handed out. */
  public static final Duration DEFAULT_REBALANCE_GRACE = Duration.ofSeconds(2);

  /** Client properties KubeMin sets itself; passing them through would break delivery. */
  static final Map<String, String> MANAGED_PROPERTIES =
      Map.of(
          "bootstrap.servers", "the URI's host:port list",
          "group.id", "group",
          "auto.offset.reset", "offsetReset",
          "enable.auto.commit", "nothing: offsets are committed on ack",
          "key.serializer", "nothing",
          "value.serializer", "nothing",
          "key.deserializer", "nothing",
          "value.deserializer", "nothing");

  private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|secret|jaas|token|credential|\\.key$).*");

  private final String bootstrapServers;
  private final String topicPrefix;
  private final String groupId;
  private final OffsetReset offsetReset;
  private final int partitions;
  private final short replication;
  private final int bufferCapacity;
  private final Duration rebalanceGrace;
  private final Map<String, String> clientProperties;

  private KafkaQueueSettings(Builder builder) {
    if (builder.bootstrapServers == null) {
      throw new IllegalArgumentException("bootstrapServers is required (host:port[,host:port])");
    }
    this.bootstrapServers = builder.bootstrapServers;
    this.topicPrefix = builder.topicPrefix;
    this.groupId = builder.groupId;
    this.offsetReset = builder.offsetReset;
    this.partitions = builder.partitions;
    this.replication = builder.replication;
    this.bufferCapacity = builder.bufferCapacity;
    this.rebalanceGrace = builder.rebalanceGrace;
    this.clientProperties = Map.copyOf(builder.clientProperties);
  }

  /** A builder with every setting at its default; {@code bootstrapServers} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses {@code kafka://host:port[,host:port][?key=value&…]}; the query takes the keys that
   * {@link #fromSettings(Map)} takes.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static KafkaQueueSettings fromUri(String uri) {
    return fromSettings(Map.of("uri", uri));
  }

  /**
   * Reads provider settings: {@code uri} (required), {@code prefix}, {@code group}, {@code
   * offsetReset} ({@code earliest|latest}), {@code partitions}, {@code replication}, {@code
   * bufferCapacity}, {@code rebalanceGraceMs}, and any key starting with {@code kafka.}, passed to
   * the Kafka clients without that prefix. The same keys may appear in the URI's query; a key in
   * the map wins over the query.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static KafkaQueueSettings fromSettings(Map<String, String> settings) {
    return KafkaSettingsParser.parse(settings);
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .bootstrapServers(bootstrapServers)
        .topicPrefix(topicPrefix)
        .groupId(groupId)
        .offsetReset(offsetReset)
        .partitions(partitions)
        .replication(replication)
        .bufferCapacity(bufferCapacity)
        .rebalanceGrace(rebalanceGrace)
        .clientProperties(clientProperties);
  }

  /** Comma-separated {@code host:port} list of brokers to bootstrap from. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Prefix of the topic names. */
  public String topicPrefix() {
    return topicPrefix;
  }

  /** The Kafka consumer group id every consumer of this queue joins. */
  public String groupId() {
    return groupId;
  }

  /** Where a group without committed offsets starts. */
  public OffsetReset offsetReset() {
    return offsetReset;
  }

  /** Partitions of the topics when the queue creates them. */
  public int partitions() {
    return partitions;
  }

  /** Replication factor when the queue creates topics; {@code -1} for the broker's default. */
  public short replication() {
    return replication;
  }

  /** Records one consumer buffers before it pauses its partitions. */
  public int bufferCapacity() {
    return bufferCapacity;
  }

  /** How long a consumer losing partitions waits for acks of the records it handed out. */
  public Duration rebalanceGrace() {
    return rebalanceGrace;
  }

  /** Properties passed to the Kafka clients (such as {@code security.protocol}). */
  public Map<String, String> clientProperties() {
    return clientProperties;
  }

  /** {@code <prefix>.workflow.dispatch}: where tasks are offered. */
  public String dispatchTopic() {
    return topicPrefix + ".workflow.dispatch";
  }

  /** {@code <prefix>.workflow.dispatch.dead}: where undeliverable messages go. */
  public String deadLetterTopic() {
    return dispatchTopic() + ".dead";
  }

  /** The settings with secret-looking client properties masked. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach(
        (key, value) -> shown.put(key, SECRET_KEY.matcher(key).matches() ? "****" : value));
    return "KafkaQueueSettings[bootstrapServers="
        + bootstrapServers
        + ", topicPrefix="
        + topicPrefix
        + ", groupId="
        + groupId
        + ", offsetReset="
        + offsetReset
        + ", partitions="
        + partitions
        + ", replication="
        + replication
        + ", bufferCapacity="
        + bufferCapacity
        + ", rebalanceGrace="
        + rebalanceGrace
        + ", clientProperties="
        + shown
        + "]";
  }

  /** Where a consumer group without committed offsets starts reading. */
  public enum OffsetReset {
    /** From the oldest record the topic keeps. */
    EARLIEST,
    /** From the records appended after the group was created by {@link KafkaQueue#ensureGroup}. */
    LATEST
  }

  /** Builds {@link KafkaQueueSettings}; each setter checks its value. */
  public static final class Builder {
    private String bootstrapServers;
    private String topicPrefix = DEFAULT_TOPIC_PREFIX;
    private String groupId = DEFAULT_GROUP_ID;
    private OffsetReset offsetReset = DEFAULT_OFFSET_RESET;
    private int partitions = DEFAULT_PARTITIONS;
    private short replication = DEFAULT_REPLICATION;
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private Duration rebalanceGrace = DEFAULT_REBALANCE_GRACE;
    private final Map<String, String> clientProperties = new LinkedHashMap<>();

    private Builder() {}

    /** Brokers as {@code host:port[,host:port]}. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = KafkaSettingsParser.checkServers(bootstrapServers);
      return this;
    }

    /** Topic name prefix: letters, digits, {@code . _ -}, at most 200 characters. */
    public Builder topicPrefix(String topicPrefix) {
      if (topicPrefix == null || !TOPIC_PREFIX.matcher(topicPrefix).matches()) {
        throw new IllegalArgumentException(
            "prefix '"
                + topicPrefix
                + "' must be 1-200 characters of letters, digits, '.', '_' or '-'");
      }
      this.topicPrefix = topicPrefix;
      return this;
    }

    /** The Kafka consumer group id; not blank. */
    public Builder groupId(String groupId) {
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException("group must not be blank");
      }
      this.groupId = groupId;
      return this;
    }

    /** Where a group without committed offsets starts. */
    public Builder offsetReset(OffsetReset offsetReset) {
      this.offsetReset = Objects.requireNonNull(offsetReset, "offsetReset");
      return this;
    }

    /** Partitions of created topics, 1 to 10000. */
    public Builder partitions(int partitions) {
      if (partitions < 1 || partitions > 10_000) {
        throw new IllegalArgumentException(
            "partitions must be between 1 and 10000, got " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** Replication factor of created topics, 1 to 32767, or {@code -1} for the broker default. */
    public Builder replication(int replication) {
      if (replication != -1 && (replication < 1 || replication > Short.MAX_VALUE)) {
        throw new IllegalArgumentException(
            "replication must be -1 (broker default) or between 1 and 32767, got " + replication);
      }
      this.replication = (short) replication;
      return this;
    }

    /** Records one consumer buffers before pausing, 1 to 100000. */
    public Builder bufferCapacity(int bufferCapacity) {
      if (bufferCapacity < 1 || bufferCapacity > 100_000) {
        throw new IllegalArgumentException(
            "bufferCapacity must be between 1 and 100000, got " + bufferCapacity);
      }
      this.bufferCapacity = bufferCapacity;
      return this;
    }

    /** Wait for acks when partitions move away, 0 to 5 minutes; keep it below the poll interval. */
    public Builder rebalanceGrace(Duration rebalanceGrace) {
      Objects.requireNonNull(rebalanceGrace, "rebalanceGrace");
      if (rebalanceGrace.isNegative() || rebalanceGrace.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(
            "rebalanceGrace must be between 0 and 5 minutes, got " + rebalanceGrace);
      }
      this.rebalanceGrace = rebalanceGrace;
      return this;
    }

    /**
     * A Kafka client property (key without the {@code kafka.} prefix), such as {@code
     * security.protocol}; passed to each client that knows it.
     */
    public Builder clientProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value of " + key);
      String managedBy = MANAGED_PROPERTIES.get(key);
      if (managedBy != null) {
        throw new IllegalArgumentException(
            "kafka." + key + " is managed by KubeMin; set " + managedBy + " instead");
      }
      clientProperties.put(key, value);
      return this;
    }

    /** Several client properties; see {@link #clientProperty}. */
    public Builder clientProperties(Map<String, String> properties) {
      properties.forEach(this::clientProperty);
      return this;
    }

    /** The settings. */
    public KafkaQueueSettings build() {
      return new KafkaQueueSettings(this);
    }
  }

  /** Keys {@link #fromSettings} takes besides {@code uri} and {@code kafka.*}. */
  static Set<String> settingKeys() {
    return Set.of(
        "prefix",
        "group",
        "offsetReset",
        "partitions",
        "replication",
        "bufferCapacity",
        "rebalanceGraceMs");
  }
}
