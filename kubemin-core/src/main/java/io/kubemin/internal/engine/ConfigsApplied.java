package io.kubemin.internal.engine;

import java.time.Instant;
import java.util.Set;

/** Told of the config and secret components a task completed here marked running. */
@FunctionalInterface
public interface ConfigsApplied {
  /**
   * @param appId the task's application
   * @param applicationUpdatedAt the application's {@code updatedAt} as the task's inputs read it
   * @param componentNames the components marked running, durably
   */
  void applied(String appId, Instant applicationUpdatedAt, Set<String> componentNames);
}
