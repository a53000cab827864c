package io.kubemin.model;

import java.util.Optional;

/** How the jobs of one step run. */
public enum StepMode {
  /** One job at a time, stopping at the first failure. */
  STEP_BY_STEP("StepByStep"),
  /** All jobs of a priority band at once; every job runs to its end. */
  DAG("DAG");

  private final String jsonName;

  StepMode(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in the {@code mode} field. */
  public String jsonName() {
    return jsonName;
  }

  /** The mode named exactly so; empty or absent means {@link #STEP_BY_STEP}. */
  public static Optional<StepMode> fromJsonName(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of(STEP_BY_STEP);
    }
    for (StepMode mode : values()) {
      if (mode.jsonName.equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
