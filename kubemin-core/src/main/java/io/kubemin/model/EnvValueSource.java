package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an environment variable's value comes from: exactly one of the four must be set.
 *
 * @param staticValue a literal value (JSON key {@code static})
 * @param secret a key of a Secret
 * @param config a key of a ConfigMap
 * @param field a pod field path such as {@code metadata.name}
 */
public record EnvValueSource(
    @JsonProperty("static") String staticValue,
    KeyReference secret,
    KeyReference config,
    String field) {

  /** How many of the four sources are set. */
  public int sourceCount() {
    int count = 0;
    if (staticValue != null) {
      count++;
    }
    if (secret != null) {
      count++;
    }
    if (config != null) {
      count++;
    }
    if (field != null) {
      count++;
    }
    return count;
  }
}
