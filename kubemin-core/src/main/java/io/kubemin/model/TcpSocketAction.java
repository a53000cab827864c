package io.kubemin.model;

/**
 * A probe that opens a TCP connection.
 *
 * @param port port number
 * @param host address
 */
public record TcpSocketAction(Integer port, String host) {}
