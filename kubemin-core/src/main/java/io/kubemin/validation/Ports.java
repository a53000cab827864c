package io.kubemin.validation;

import io.kubemin.model.Port;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The port rules, shared by component ports, probes and ingress backends. */
final class Ports {
  static final int MAX = 65535;
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

  private Ports() {}

  static void check(int port, String field, Findings findings) {
    if (port < 1 || port > MAX) {
      findings.error(
          field, ValidationCodes.INVALID_PORT, "port must be in 1..65535 (got " + port + ")");
    }
  }

  /** A component's {@code properties.ports}: valid numbers and protocols, each pair once. */
  static void checkAll(List<Port> ports, String listField, Findings findings) {
    Set<String> seen = new HashSet<>();
    TraitRules.each(
        ports,
        listField,
        (port, field) -> {
          check(port.port(), field + ".port", findings);
          String protocol =
              Findings.isBlank(port.protocol()) ? "TCP" : port.protocol().toUpperCase(Locale.ROOT);
          if (!PROTOCOLS.contains(protocol)) {
            findings.error(
                field + ".protocol",
                ValidationCodes.INVALID_PORT,
                "protocol must be TCP, UDP or SCTP (got " + Findings.quote(port.protocol()) + ")");
          } else if (!seen.add(port.port() + "/" + protocol)) {
            findings.error(
                field + ".port",
                ValidationCodes.INVALID_PORT,
                "port " + port.port() + "/" + protocol + " is listed twice");
          }
        });
  }
}
