package io.kubemin.model;

import java.util.List;

/**
 * A value read from a document, with the fields the reader did not know.
 *
 * @param value the value
 * @param unknownFields JSON paths of ignored fields such as {@code component[0].colour}
 * @param <T> the value type
 */
public record Parsed<T>(T value, List<String> unknownFields) {
  public Parsed {
    unknownFields = List.copyOf(unknownFields);
  }
}
