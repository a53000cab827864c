package io.kubemin.queue.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@code redis://} or {@code rediss://} URI into {@link RedisQueueSettings}. */
final class RedisUriParser {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

  private RedisUriParser() {}

  static RedisQueueSettings parse(String text) {
    return parse(text, Map.of());
  }

  /** Parses the URI, then applies {@code overrides} named like its query parameters. */
  static RedisQueueSettings parse(String text, Map<String, String> overrides) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Redis URI must not be empty");
    }
    URI uri = toUri(text.trim());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "Redis URI must start with redis:// or rediss://, got '" + masked(text) + "'");
    }
    RedisQueueSettings.Builder builder = RedisQueueSettings.builder().tls(scheme.equals("rediss"));
    if (uri.getHost() != null) {
      builder.host(uri.getHost());
    } else if (uri.getRawAuthority() != null) {
      throw new IllegalArgumentException(
          "Redis URI host is not a valid host name in '" + masked(text) + "'");
    }
    if (uri.getPort() != -1) {
      builder.port(uri.getPort());
    }
    credentials(uri.getRawUserInfo(), builder);
    database(uri.getPath(), builder);
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          String name = equals < 0 ? pair : pair.substring(0, equals);
          String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
          parameter(name, value, builder);
        }
      }
    }
    overrides.forEach((name, value) -> parameter(name, value, builder));
    return builder.build();
  }

  private static URI toUri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Redis URI is malformed: " + e.getReason() + " in '" + masked(text) + "'", e);
    }
  }

  private static void credentials(String rawUserInfo, RedisQueueSettings.Builder builder) {
    if (rawUserInfo == null) {
      return;
    }
    int colon = rawUserInfo.indexOf(':');
    if (colon < 0) {
      builder.password(decode(rawUserInfo));
    } else {
      builder.username(decode(rawUserInfo.substring(0, colon)));
      builder.password(decode(rawUserInfo.substring(colon + 1)));
    }
  }

  private static void database(String path, RedisQueueSettings.Builder builder) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return;
    }
    String number = path.substring(1);
    if (!number.matches("\\d{1,5}")) {
      throw new IllegalArgumentException(
          "Redis URI path must be a database number such as /0, got '" + path + "'");
    }
    builder.database(Integer.parseInt(number));
  }

  private static void parameter(String name, String value, RedisQueueSettings.Builder builder) {
    switch (name) {
      case "prefix" -> builder.prefix(value);
      case "maxlen" -> builder.maxlen(number(name, value));
      case "timeout" -> builder.commandTimeout(duration(name, value));
      case "claimMinIdle" -> builder.claimMinIdle(duration(name, value));
      case "claimInterval" -> builder.claimInterval(duration(name, value));
      case "claimCount" -> builder.claimCount((int) Math.min(number(name, value), 1_000_000));
      case "verifyPeer" -> builder.verifyPeer(bool(name, value));
      default ->
          throw new IllegalArgumentException(
              "unknown Redis URI parameter '"
                  + name
                  + "': expected prefix, maxlen, timeout, claimMinIdle, claimInterval,"
                  + " claimCount or verifyPeer");
    }
  }

  private static long number(String name, String value) {
    if (!value.matches("\\d{1,15}")) {
      throw new IllegalArgumentException(
          "Redis URI parameter " + name + " must be a whole number, got '" + value + "'");
    }
    return Long.parseLong(value);
  }

  private static boolean bool(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "Redis URI parameter " + name + " must be true or false, got '" + value + "'");
    };
  }

  /** Reads {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h} or ISO-8601 such as {@code PT15S}. */
  static Duration duration(String name, String value) {
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Redis URI parameter "
              + name
              + " must be a duration such as 500ms, 15s, 2m or PT15S, got '"
              + value
              + "'",
          e);
    }
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The URI with any password replaced, for error messages. */
  static String masked(String text) {
    return text.replaceAll("://[^/@]*@", "://****@");
  }
}
