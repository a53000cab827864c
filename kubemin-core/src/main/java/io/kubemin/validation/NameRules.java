package io.kubemin.validation;

import java.util.Map;
import java.util.regex.Pattern;

/** DNS-1123 label rules for names, and the smaller rules for container and variable names. */
final class NameRules {
  static final int MIN_LENGTH = 2;
  static final int MAX_LENGTH = 63;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final String LABEL_RULE =
      "lowercase letters, digits and '-', start and end alphanumeric";

  private NameRules() {}

  /** Application, component and step names: required, 2..63 characters, DNS-1123 label. */
  static void checkName(String name, String field, Findings findings) {
    if (name == null || name.isEmpty()) {
      findings.error(field, ValidationCodes.MISSING_REQUIRED_FIELD, field + " is required");
      return;
    }
    if (name.length() < MIN_LENGTH) {
      findings.error(
          field,
          ValidationCodes.NAME_TOO_SHORT,
          field + " must have at least " + MIN_LENGTH + " characters");
    }
    if (name.length() > MAX_LENGTH) {
      findings.error(
          field,
          ValidationCodes.NAME_TOO_LONG,
          field + " must have at most " + MAX_LENGTH + " characters, has " + name.length());
    }
    if (!isDnsLabel(name)) {
      findings.error(
          field,
          ValidationCodes.INVALID_NAME_FORMAT,
          field
              + " must be a DNS-1123 label: "
              + LABEL_RULE
              + ", "
              + MIN_LENGTH
              + ".."
              + MAX_LENGTH
              + " characters (got "
              + Findings.quote(name)
              + ")");
    }
  }

  /** Namespaces: a DNS-1123 label of 1..63 characters, as Kubernetes requires. */
  static void checkNamespace(String namespace, String field, Findings findings) {
    if (namespace.length() > MAX_LENGTH || !isDnsLabel(namespace)) {
      findings.error(
          field,
          ValidationCodes.INVALID_NAME_FORMAT,
          "namespace must be a DNS-1123 label: " + LABEL_RULE + ", 1..63 characters");
    }
  }

  /** Init and sidecar container names, when given: a DNS-1123 label of 1..63 characters. */
  static void checkContainerName(String name, String field, Findings findings) {
    if (name != null && (name.length() > MAX_LENGTH || !isDnsLabel(name))) {
      findings.error(
          field,
          ValidationCodes.INVALID_CONTAINER_NAME,
          "container name must be a DNS-1123 label: "
              + LABEL_RULE
              + ", 1..63 characters (got "
              + Findings.quote(name)
              + ")");
    }
  }

  /** Keys of an environment map: non-empty, without '='. */
  static void checkEnvNames(Map<String, String> env, String field, Findings findings) {
    for (String name : env.keySet()) {
      checkEnvName(name, field, findings);
    }
  }

  static void checkEnvName(String name, String field, Findings findings) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      findings.error(
          field,
          ValidationCodes.INVALID_ENV_NAME,
          "environment variable names must be non-empty and contain no '=' (got "
              + Findings.quote(name)
              + ")");
    }
  }

  static boolean isDnsLabel(String name) {
    return DNS_LABEL.matcher(name).matches();
  }
}
