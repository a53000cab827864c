package io.kubemin.model;

/**
 * A port the component listens on.
 *
 * @param port the container port (1..65535)
 * @param expose whether the port should be exposed beyond the cluster (kept for compatibility)
 * @param protocol {@code TCP} (default), {@code UDP} or {@code SCTP}
 */
public record Port(int port, Boolean expose, String protocol) {
  /** A TCP port. */
  public static Port of(int port) {
    return new Port(port, null, null);
  }
}
