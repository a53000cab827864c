package io.kubemin.validation;

/** The port range rule, shared by component ports, probes and ingress backends. */
final class Ports {
  static final int MAX = 65535;

  private Ports() {}

  static void check(int port, String field, Findings findings) {
    if (port < 1 || port > MAX) {
      findings.error(
          field, ValidationCodes.INVALID_PORT, "port must be in 1..65535 (got " + port + ")");
    }
  }
}
