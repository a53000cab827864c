package io.kubemin.model;

import java.util.List;

/**
 * TLS for some hosts of an ingress.
 *
 * @param secretName Secret holding the certificate
 * @param hosts hosts covered
 */
public record IngressTls(String secretName, List<String> hosts) {
  public IngressTls {
    hosts = Immutables.list(hosts);
  }
}
