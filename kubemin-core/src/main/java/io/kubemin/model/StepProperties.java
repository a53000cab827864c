package io.kubemin.model;

import java.util.List;

/**
 * Upstream step properties: {@code policies} is another way to list components.
 *
 * @param policies component names
 */
public record StepProperties(List<String> policies) {
  public StepProperties {
    policies = Immutables.list(policies);
  }
}
