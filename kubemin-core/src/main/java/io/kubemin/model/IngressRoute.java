package io.kubemin.model;

/**
 * One path of an ingress.
 *
 * @param path path (default {@code /})
 * @param pathType {@code Prefix}, {@code Exact} or {@code ImplementationSpecific}
 * @param host host of this route (default: every host of the ingress)
 * @param backend where the traffic goes
 * @param rewrite optional rewrite
 */
public record IngressRoute(
    String path, String pathType, String host, IngressBackend backend, IngressRewrite rewrite) {}
