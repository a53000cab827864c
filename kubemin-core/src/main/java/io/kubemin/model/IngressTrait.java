package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Ingress in front of the component ({@code traits.ingress[]}).
 *
 * @param name ingress name (default {@code <component>-ingress})
 * @param namespace ignored: the component's namespace wins
 * @param hosts hosts for routes that name none
 * @param labels labels of the Ingress (JSON key {@code label}, as the upstream)
 * @param annotations annotations of the Ingress
 * @param ingressClassName ingress class
 * @param defaultPathType path type for routes that name none
 * @param tls TLS entries
 * @param routes routes (at least one)
 */
public record IngressTrait(
    String name,
    String namespace,
    List<String> hosts,
    @JsonProperty("label") Map<String, String> labels,
    Map<String, String> annotations,
    String ingressClassName,
    String defaultPathType,
    List<IngressTls> tls,
    List<IngressRoute> routes) {
  public IngressTrait {
    hosts = Immutables.list(hosts);
    labels = Immutables.map(labels);
    annotations = Immutables.map(annotations);
    tls = Immutables.list(tls);
    routes = Immutables.list(routes);
  }
}
