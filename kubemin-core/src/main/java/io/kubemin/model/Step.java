package io.kubemin.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A workflow step (or sub-step): which components to deploy, and how.
 *
 * @param name DNS-1123 label, unique in the workflow
 * @param jobType upstream {@code job_type} (informational, {@code deploy})
 * @param mode {@code StepByStep} (default) or {@code DAG}; kept as given for validation
 * @param components component names
 * @param properties upstream {@code properties.policies}, merged with {@code components}
 * @param subSteps sub-steps, run after this step's own components
 * @param dependsOn names of steps that must complete first; steps without it follow the previous
 *     step
 * @param timeout deadline of the step such as {@code 90s} or {@code 5m}
 * @param retries retry policy of the step
 * @param type {@code deploy} (the default: deploy its components) or {@code suspend} (an approval
 *     gate: the task stops in {@code suspended} until resumed or cancelled; {@code timeout} then
 *     bounds the wait and {@code message} says what to check)
 * @param message what the person who resumes a {@code suspend} step should know; null for none
 */
public record Step(
    String name,
    String jobType,
    String mode,
    List<String> components,
    StepProperties properties,
    List<Step> subSteps,
    List<String> dependsOn,
    String timeout,
    RetrySpec retries,
    String type,
    String message) {

  /** The {@link #type()} of an approval gate. */
  public static final String TYPE_SUSPEND = "suspend";

  /** The {@link #type()} of a step that deploys components (also when the type is absent). */
  public static final String TYPE_DEPLOY = "deploy";

  /** Up to this many names, merging them by scanning a list is cheaper than hashing them. */
  private static final int SMALL = 16;

  public Step {
    components = Immutables.list(components);
    subSteps = Immutables.list(subSteps);
    dependsOn = Immutables.list(dependsOn);
  }

  /** A {@code deploy} step (no type, no message), as before {@code suspend} steps existed. */
  public Step(
      String name,
      String jobType,
      String mode,
      List<String> components,
      StepProperties properties,
      List<Step> subSteps,
      List<String> dependsOn,
      String timeout,
      RetrySpec retries) {
    this(
        name,
        jobType,
        mode,
        components,
        properties,
        subSteps,
        dependsOn,
        timeout,
        retries,
        null,
        null);
  }

  /** Whether this step is an approval gate ({@code type: suspend}). */
  public boolean suspends() {
    return TYPE_SUSPEND.equals(type);
  }

  /**
   * {@link #components()} and {@code properties.policies} merged, order kept, duplicates and blanks
   * dropped.
   */
  public List<String> componentNames() {
    List<String> policies = properties == null ? List.of() : properties.policies();
    if (components.size() + policies.size() > SMALL) {
      LinkedHashSet<String> names = new LinkedHashSet<>(components);
      names.addAll(policies);
      names.removeIf(String::isBlank);
      return List.copyOf(new ArrayList<>(names));
    }
    // Every task's plan asks for each step: a few names are merged without a set.
    List<String> names = new ArrayList<>(components.size() + policies.size());
    addNew(names, components);
    addNew(names, policies);
    return List.copyOf(names);
  }

  private static void addNew(List<String> names, List<String> more) {
    for (String name : more) {
      if (!name.isBlank() && !names.contains(name)) {
        names.add(name);
      }
    }
  }

  /** The mode, or {@link StepMode#STEP_BY_STEP} when absent or unknown. */
  public StepMode stepMode() {
    return StepMode.fromJsonName(mode).orElse(StepMode.STEP_BY_STEP);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Step}. */
  public static final class Builder {
    private String name;
    private String jobType;
    private String mode;
    private List<String> components;
    private StepProperties properties;
    private List<Step> subSteps;
    private List<String> dependsOn;
    private String timeout;
    private RetrySpec retries;
    private String type;
    private String message;

    private Builder() {}

    /** Sets {@link Step#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@link Step#jobType()}. */
    public Builder jobType(String jobType) {
      this.jobType = jobType;
      return this;
    }

    /** Sets {@link Step#mode()}. */
    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    /** Sets the mode from the enum. */
    public Builder mode(StepMode mode) {
      this.mode = mode.jsonName();
      return this;
    }

    /** Sets {@link Step#components()}. */
    public Builder components(List<String> components) {
      this.components = components;
      return this;
    }

    /** Sets the component names. */
    public Builder components(String... components) {
      this.components = List.of(components);
      return this;
    }

    /** Sets {@link Step#properties()}. */
    public Builder properties(StepProperties properties) {
      this.properties = properties;
      return this;
    }

    /** Sets {@link Step#subSteps()}. */
    public Builder subSteps(List<Step> subSteps) {
      this.subSteps = subSteps;
      return this;
    }

    /** Sets {@link Step#dependsOn()}. */
    public Builder dependsOn(List<String> dependsOn) {
      this.dependsOn = dependsOn;
      return this;
    }

    /** Sets {@link Step#timeout()}. */
    public Builder timeout(String timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sets {@link Step#retries()}. */
    public Builder retries(RetrySpec retries) {
      this.retries = retries;
      return this;
    }

    /** Sets {@link Step#type()}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets {@link Step#message()}. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** The Step with the values set so far. */
    public Step build() {
      return new Step(
          name,
          jobType,
          mode,
          components,
          properties,
          subSteps,
          dependsOn,
          timeout,
          retries,
          type,
          message);
    }
  }
}
