package io.kubemin.model;

import java.util.List;
import java.util.Optional;

/**
 * An application: components and the workflow that deploys them. The JSON form is the upstream's
 * (snake_case keys, {@code component} and {@code workflow} arrays).
 *
 * @param id stored id (24 chars) when replacing an existing application, else absent
 * @param name DNS-1123 label, 2..63 characters
 * @param namespace Kubernetes namespace (default {@value #DEFAULT_NAMESPACE})
 * @param version free-form version (default {@value #DEFAULT_VERSION})
 * @param alias display name
 * @param project project name
 * @param description description
 * @param icon icon URL
 * @param tmpEnable whether the application can serve as a template
 * @param rollbackOnFailure when true, a task that ends failed, timed out or cancelled deletes what
 *     its completed jobs created (absent: false, or on a replace the stored value)
 * @param components the components (JSON key {@code component})
 * @param workflow the steps; empty means one step per component
 */
public record Application(
    String id,
    String name,
    String namespace,
    String version,
    String alias,
    String project,
    String description,
    String icon,
    Boolean tmpEnable,
    Boolean rollbackOnFailure,
    @com.fasterxml.jackson.annotation.JsonProperty("component") List<Component> components,
    List<Step> workflow) {

  /** Namespace used when none is given. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Version used when none is given. */
  public static final String DEFAULT_VERSION = "1.0.0";

  public Application {
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
    components = Immutables.list(components);
    workflow = Immutables.list(workflow);
  }

  /** The component with exactly this name. */
  public Optional<Component> component(String componentName) {
    return components.stream()
        .filter(c -> c.name() != null && c.name().equals(componentName))
        .findFirst();
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this application. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .name(name)
        .namespace(namespace)
        .version(version)
        .alias(alias)
        .project(project)
        .description(description)
        .icon(icon)
        .tmpEnable(tmpEnable)
        .rollbackOnFailure(rollbackOnFailure)
        .components(components)
        .workflow(workflow);
  }

  /** Builds {@link Application}. */
  public static final class Builder {
    private String id;
    private String name;
    private String namespace;
    private String version;
    private String alias;
    private String project;
    private String description;
    private String icon;
    private Boolean tmpEnable;
    private Boolean rollbackOnFailure;
    private List<Component> components;
    private List<Step> workflow;

    private Builder() {}

    /** Sets {@link Application#id()}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@link Application#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@link Application#namespace()}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@link Application#version()}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Sets {@link Application#alias()}. */
    public Builder alias(String alias) {
      this.alias = alias;
      return this;
    }

    /** Sets {@link Application#project()}. */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** Sets {@link Application#description()}. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets {@link Application#icon()}. */
    public Builder icon(String icon) {
      this.icon = icon;
      return this;
    }

    /** Sets {@link Application#tmpEnable()}. */
    public Builder tmpEnable(Boolean tmpEnable) {
      this.tmpEnable = tmpEnable;
      return this;
    }

    /** Sets {@link Application#rollbackOnFailure()}. */
    public Builder rollbackOnFailure(Boolean rollbackOnFailure) {
      this.rollbackOnFailure = rollbackOnFailure;
      return this;
    }

    /** Sets {@link Application#components()}. */
    public Builder components(List<Component> components) {
      this.components = components;
      return this;
    }

    /** Sets the components. */
    public Builder components(Component... components) {
      this.components = List.of(components);
      return this;
    }

    /** Sets {@link Application#workflow()}. */
    public Builder workflow(List<Step> workflow) {
      this.workflow = workflow;
      return this;
    }

    /** Sets the steps. */
    public Builder workflow(Step... workflow) {
      this.workflow = List.of(workflow);
      return this;
    }

    /** The Application with the values set so far. */
    public Application build() {
      return new Application(
          id,
          name,
          namespace,
          version,
          alias,
          project,
          description,
          icon,
          tmpEnable,
          rollbackOnFailure,
          components,
          workflow);
    }
  }
}
