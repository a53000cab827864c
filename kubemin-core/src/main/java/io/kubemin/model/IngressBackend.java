package io.kubemin.model;

import java.util.Map;

/**
 * The Service a route sends traffic to.
 *
 * @param serviceName a Service name, or a component name (resolved to its generated Service)
 * @param servicePort port (default 80)
 * @param weight weight (accepted, not rendered)
 * @param headers headers (accepted, not rendered)
 */
public record IngressBackend(
    String serviceName, Integer servicePort, Integer weight, Map<String, String> headers) {
  public IngressBackend {
    headers = Immutables.map(headers);
  }
}
