package io.kubemin.spi;

import java.time.Clock;
import java.util.Set;

/** What an engine gives its {@link KubeMinExtension}s when it starts them. */
public interface ExtensionContext {

  /** The engine's store (do not close it). */
  DataStore dataStore();

  /** The engine's clock. */
  Clock clock();

  /** This engine instance's id (also its queue consumer and leader-election identity). */
  String instanceId();

  /**
   * The roles this instance runs; an extension that syncs status runs only when it holds {@link
   * Role#STATUS_SYNC}.
   */
  Set<Role> roles();
}
