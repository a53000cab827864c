package io.kubemin.model;

/**
 * A probe that sends an HTTP GET.
 *
 * @param path request path
 * @param port port number
 * @param host host header / address
 * @param scheme {@code HTTP} or {@code HTTPS}
 */
public record HttpGetAction(String path, Integer port, String host, String scheme) {}
