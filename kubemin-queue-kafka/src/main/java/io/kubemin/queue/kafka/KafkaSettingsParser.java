package io.kubemin.queue.kafka;

import io.kubemin.queue.kafka.KafkaQueueSettings.OffsetReset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Turns provider settings and {@code kafka://} URIs into {@link KafkaQueueSettings}. */
final class KafkaSettingsParser {
  private static final String SCHEME = "kafka://";
  private static final String CLIENT_PREFIX = "kafka.";

  private KafkaSettingsParser() {}

  static KafkaQueueSettings parse(Map<String, String> settings) {
    String uri = settings.get("uri");
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("uri is required: kafka://host:port[,host:port]");
    }
    uri = uri.trim();
    if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      // The query may carry credentials: name only what comes before it.
      String shown = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) + "?…" : uri;
      throw new IllegalArgumentException("uri '" + shown + "' must start with " + SCHEME);
    }
    int query = uri.indexOf('?');
    String servers = uri.substring(SCHEME.length(), query < 0 ? uri.length() : query);
    Map<String, String> keys = query < 0 ? new LinkedHashMap<>() : decodeQuery(uri, query);
    settings.forEach(
        (key, value) -> {
          if (!key.equals("uri")) {
            keys.put(key, value);
          }
        });
    KafkaQueueSettings.Builder builder =
        KafkaQueueSettings.builder().bootstrapServers(stripSlash(servers));
    keys.forEach((key, value) -> apply(builder, key, value));
    return builder.build();
  }

  static String checkServers(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must not be empty (host:port)");
    }
    for (String server : servers.split(",", -1)) {
      int colon = server.lastIndexOf(':');
      if (colon <= 0 || !validPort(server.substring(colon + 1))) {
        throw new IllegalArgumentException(
            "bootstrap server '" + server.trim() + "' must be host:port with port 1-65535");
      }
    }
    return servers.replace(" ", "");
  }

  private static boolean validPort(String port) {
    try {
      int value = Integer.parseInt(port.trim());
      return value >= 1 && value <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String stripSlash(String servers) {
    return servers.endsWith("/") ? servers.substring(0, servers.length() - 1) : servers;
  }

  private static Map<String, String> decodeQuery(String uri, int start) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : uri.substring(start + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("uri query part '" + pair + "' must be key=value");
      }
      keys.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
    }
    return keys;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void apply(KafkaQueueSettings.Builder builder, String key, String value) {
    if (key.startsWith(CLIENT_PREFIX) && key.length() > CLIENT_PREFIX.length()) {
      builder.clientProperty(key.substring(CLIENT_PREFIX.length()), value);
      return;
    }
    switch (key) {
      case "prefix" -> builder.topicPrefix(value);
      case "group" -> builder.groupId(value);
      case "offsetReset" -> builder.offsetReset(offsetReset(value));
      case "partitions" -> builder.partitions(number(key, value));
      case "replication" -> builder.replication(number(key, value));
      case "bufferCapacity" -> builder.bufferCapacity(number(key, value));
      case "rebalanceGraceMs" -> builder.rebalanceGrace(Duration.ofMillis(number(key, value)));
      default ->
          throw new IllegalArgumentException(
              "unknown kafka queue setting '"
                  + key
                  + "': expected one of "
                  + new TreeSet<>(KafkaQueueSettings.settingKeys())
                  + " or a kafka.* client property");
    }
  }

  private static OffsetReset offsetReset(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "earliest" -> OffsetReset.EARLIEST;
      case "latest" -> OffsetReset.LATEST;
      default ->
          throw new IllegalArgumentException(
              "offsetReset must be earliest or latest, got '" + value + "'");
    };
  }

  private static int number(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
    }
  }
}
