package io.kubemin.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the queue carries: a task id and the attempt it was offered for, as JSON {@code
 * {"task_id":"…","attempt":1}}. A worker that finds the task in another state or attempt drops the
 * message.
 *
 * @param taskId the task
 * @param attempt the attempt the dispatcher offered
 */
public record DispatchMessage(String taskId, int attempt) {
  private static final Pattern FORMAT =
      Pattern.compile(
          "\\{\\s*\"task_id\"\\s*:\\s*\"([a-z0-9]{1,64})\"\\s*,\\s*\"attempt\"\\s*:\\s*(\\d{1,9})\\s*}");

  public DispatchMessage {
    Objects.requireNonNull(taskId, "taskId");
  }

  /** The JSON bytes. */
  public byte[] encode() {
    return ("{\"task_id\":\"" + taskId + "\",\"attempt\":" + attempt + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a payload.
   *
   * @throws IllegalArgumentException when the payload is not a dispatch message
   */
  public static DispatchMessage decode(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
      throw new IllegalArgumentException("not a dispatch message: " + shown);
    }
    return new DispatchMessage(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }
}
