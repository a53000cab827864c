package io.kubemin.queue.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** One consumer group's line of {@code XINFO GROUPS}. */
final class GroupInfo {
  private final Map<String, Object> fields;

  private GroupInfo(Map<String, Object> fields) {
    this.fields = fields;
  }

  /** The group's line, or {@code null} when the stream has no such group. */
  static GroupInfo find(List<Object> groups, String group) {
    for (Object line : groups) {
      if (line instanceof List<?> pairs) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
          fields.put(text(pairs.get(i)), pairs.get(i + 1));
        }
        if (group.equals(text(fields.get("name")))) {
          return new GroupInfo(fields);
        }
      }
    }
    return null;
  }

  /** Entries delivered to the group's consumers and not yet acknowledged. */
  long pending() {
    return number("pending", 0);
  }

  /**
   * Entries not yet delivered to the group: Redis's {@code lag}, or, when Redis cannot tell (after
   * deletions), the stream length minus the entries the group has read.
   */
  long backlog(LongSupplier streamLength) {
    long lag = number("lag", -1);
    if (lag >= 0) {
      return lag;
    }
    long read = number("entries-read", 0);
    return Math.max(0, streamLength.getAsLong() - read);
  }

  private long number(String name, long absent) {
    Object value = fields.get(name);
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value != null) {
      try {
        return Long.parseLong(text(value));
      } catch (NumberFormatException e) {
        return absent;
      }
    }
    return absent;
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value == null ? null : value.toString();
  }
}
