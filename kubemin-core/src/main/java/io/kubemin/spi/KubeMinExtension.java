package io.kubemin.spi;

/**
 * A part a host runs with the engine's lifecycle, such as the Kubernetes status informers:
 * registered with {@code KubeMin.builder().extension(...)}, started by {@code KubeMin.start()}
 * after the engine's own parts and stopped by {@code KubeMin.close()} before them, in reverse
 * registration order.
 */
public interface KubeMinExtension {

  /**
   * Starts the extension. A failure fails {@code KubeMin.start()} (extensions started before are
   * stopped again).
   */
  void start(ExtensionContext context);

  /** Stops the extension and releases what it created; must not throw. */
  void stop();
}
