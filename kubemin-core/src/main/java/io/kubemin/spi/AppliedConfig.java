package io.kubemin.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code config} or {@code secret} component whose object a job applied, to be marked {@link
 * ComponentStatus#RUNNING} in a batch ({@link DataStore#writeBatch(java.util.List, java.util.List,
 * java.util.List)}); see {@link DataStore#markConfigApplied}.
 *
 * @param appId the application
 * @param componentName the component's name within the application
 * @param at when the object was applied (the row's update time)
 */
public record AppliedConfig(String appId, String componentName, Instant at) {
  /** Checks that the fields are given. */
  public AppliedConfig {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(componentName, "componentName");
    Objects.requireNonNull(at, "at");
  }
}
