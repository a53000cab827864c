package io.kubemin.examples.rest;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers the server answers: loopback names, the bind address and configured
 * names. A page on another site that makes the browser call the server through a DNS name of its
 * own (DNS rebinding) is refused; a server on every interface without configured names takes any.
 */
final class HostCheck {
  private final Set<String> allowed;
  private final boolean any;

  HostCheck(InetSocketAddress bind, List<String> names) {
    this.allowed = new HashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
    allowed.add(bind.getHostString().toLowerCase(Locale.ROOT));
    if (bind.getAddress() != null) {
      allowed.add(bind.getAddress().getHostAddress().toLowerCase(Locale.ROOT));
    }
    allowed.addAll(names);
    this.any =
        bind.getAddress() != null && bind.getAddress().isAnyLocalAddress() && names.isEmpty();
  }

  /** Whether a request with this {@code Host} header (null when absent) is answered. */
  boolean accepts(String hostHeader) {
    if (any || hostHeader == null) {
      return true;
    }
    return allowed.contains(hostOf(hostHeader));
  }

  /** The host of a {@code Host} header, without port or IPv6 brackets, lower-cased. */
  static String hostOf(String hostHeader) {
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
