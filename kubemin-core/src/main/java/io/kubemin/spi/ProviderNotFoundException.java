package io.kubemin.spi;

import io.kubemin.error.KubeMinException;
import java.util.List;

/** No provider, or more than one, answers to a type name. */
public final class ProviderNotFoundException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final List<String> candidates;

  /**
   * @param message what is missing and which artifact to add
   * @param type the type asked for
   * @param candidates the provider types (or classes, when ambiguous) that were found
   */
  public ProviderNotFoundException(String message, String type, List<String> candidates) {
    super(message);
    this.type = type;
    this.candidates = List.copyOf(candidates);
  }

  /** The type asked for. */
  public String type() {
    return type;
  }

  /** What was found instead. */
  public List<String> candidates() {
    return candidates;
  }
}
