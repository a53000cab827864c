package io.kubemin.validation;

import io.kubemin.model.ProbeTrait;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for {@code traits.probes[]}. */
final class ProbeRules {
  private static final Set<String> TYPES = Set.of("liveness", "readiness", "startup");

  private final Findings findings;

  ProbeRules(Findings findings) {
    this.findings = findings;
  }

  void check(List<ProbeTrait> probes, String listField) {
    Set<String> seenTypes = new HashSet<>();
    TraitRules.each(
        probes,
        listField,
        (probe, field) -> {
          checkType(probe.type(), field + ".type", seenTypes);
          checkHandlers(probe, field);
          checkNotNegative(probe.initialDelaySeconds(), field + ".initial_delay_seconds");
          checkNotNegative(probe.periodSeconds(), field + ".period_seconds");
          checkNotNegative(probe.timeoutSeconds(), field + ".timeout_seconds");
          checkNotNegative(probe.failureThreshold(), field + ".failure_threshold");
          checkNotNegative(probe.successThreshold(), field + ".success_threshold");
        });
  }

  private void checkType(String type, String field, Set<String> seenTypes) {
    if (type == null || type.isEmpty()) {
      findings.error(
          field,
          ValidationCodes.MISSING_REQUIRED_FIELD,
          "probe type is required: liveness, readiness or startup");
    } else if (!TYPES.contains(type)) {
      findings.error(
          field,
          ValidationCodes.INVALID_PROBE_TYPE,
          "probe type must be liveness, readiness or startup (got " + Findings.quote(type) + ")");
    } else if (!seenTypes.add(type)) {
      findings.error(
          field,
          ValidationCodes.DUPLICATE_PROBE_TYPE,
          "a container can have only one " + type + " probe");
    }
  }

  private void checkHandlers(ProbeTrait probe, String field) {
    int handlers = 0;
    if (probe.exec() != null) {
      handlers++;
      if (probe.exec().command().isEmpty()) {
        findings.error(
            field + ".exec.command",
            ValidationCodes.MISSING_REQUIRED_FIELD,
            "an exec probe needs a command");
      }
    }
    if (probe.httpGet() != null) {
      handlers++;
      checkPort(probe.httpGet().port(), field + ".http_get.port");
    }
    if (probe.tcpSocket() != null) {
      handlers++;
      checkPort(probe.tcpSocket().port(), field + ".tcp_socket.port");
    }
    if (handlers != 1) {
      findings.error(
          field,
          ValidationCodes.INVALID_PROBE_CONFIG,
          "probe must specify exactly one of exec, http_get or tcp_socket"
              + (handlers == 0 ? "" : ", not " + handlers));
    }
  }

  private void checkPort(Integer port, String field) {
    if (port == null || port == 0) {
      findings.error(field, ValidationCodes.MISSING_REQUIRED_FIELD, "probe port is required");
    } else {
      Ports.check(port, field, findings);
    }
  }

  private void checkNotNegative(Integer value, String field) {
    if (value != null && value < 0) {
      findings.error(
          field, ValidationCodes.INVALID_PROBE_CONFIG, "must not be negative (got " + value + ")");
    }
  }
}
