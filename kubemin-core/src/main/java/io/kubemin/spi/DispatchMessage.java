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

  private static final byte[] HEAD = "{\"task_id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIDDLE = "\",\"attempt\":".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_ID = 64;
  private static final int MAX_DIGITS = 9;

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
    DispatchMessage encoded = decodeEncoded(payload);
    if (encoded != null) {
      return encoded;
    }
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
      throw new IllegalArgumentException("not a dispatch message: " + shown);
    }
    return new DispatchMessage(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }

  /**
   * The message when the payload is exactly what {@link #encode()} writes, else null (then the
   * pattern decides): every start reads one, and matching the bytes costs far less than the
   * pattern.
   */
  private static DispatchMessage decodeEncoded(byte[] payload) {
    if (!startsWith(payload, 0, HEAD)) {
      return null;
    }
    int idStart = HEAD.length;
    int idEnd = idStart;
    while (idEnd < payload.length && idEnd - idStart <= MAX_ID && isIdByte(payload[idEnd])) {
      idEnd++;
    }
    int length = idEnd - idStart;
    if (length < 1 || length > MAX_ID || !startsWith(payload, idEnd, MIDDLE)) {
      return null;
    }
    int digitsStart = idEnd + MIDDLE.length;
    int digitsEnd = digitsStart;
    int attempt = 0;
    while (digitsEnd < payload.length
        && digitsEnd - digitsStart < MAX_DIGITS
        && payload[digitsEnd] >= '0'
        && payload[digitsEnd] <= '9') {
      attempt = attempt * 10 + (payload[digitsEnd] - '0');
      digitsEnd++;
    }
    if (digitsEnd == digitsStart || digitsEnd != payload.length - 1 || payload[digitsEnd] != '}') {
      return null;
    }
    return new DispatchMessage(
        new String(payload, idStart, length, StandardCharsets.US_ASCII), attempt);
  }

  private static boolean isIdByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
  }

  private static boolean startsWith(byte[] payload, int offset, byte[] prefix) {
    if (payload.length - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (payload[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
