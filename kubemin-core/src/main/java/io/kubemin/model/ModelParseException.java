package io.kubemin.model;

import io.kubemin.error.KubeMinException;

/**
 * A document could not be read: malformed JSON/YAML, or a value of the wrong type. Carries the
 * position so a person can find the mistake.
 */
public final class ModelParseException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final int line;
  private final int column;
  private final String reason;

  /**
   * @param field JSON path of the offending value ({@code component[0].replicas}), or empty
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param reason what is wrong, for a human
   */
  public ModelParseException(String field, int line, int column, String reason) {
    super(format(field, line, column, reason));
    this.field = field;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  private static String format(String field, int line, int column, String reason) {
    StringBuilder text = new StringBuilder();
    if (line > 0) {
      text.append("line ").append(line).append(", column ").append(column).append(": ");
    }
    if (field != null && !field.isEmpty()) {
      text.append(field).append(": ");
    }
    return text.append(reason).toString();
  }

  /** JSON path of the offending value, or empty when the document itself is malformed. */
  public String field() {
    return field;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
