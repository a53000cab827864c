package io.kubemin.model;

/**
 * One deployable part of an application.
 *
 * @param name DNS-1123 label, unique in the application
 * @param type {@code webservice}, {@code store}, {@code config} or {@code secret} (see {@link
 *     ComponentType}); kept as given so validation can report unknown types
 * @param image container image (required for webservice and store)
 * @param namespace ignored: components live in the application's namespace
 * @param replicas desired replicas; absent or {@code <= 0} means 1
 * @param properties ports, env, command, labels, config and secret data
 * @param traits traits that shape the rendered objects
 * @param template reference to a template component to clone
 */
public record Component(
    String name,
    String type,
    String image,
    String namespace,
    Integer replicas,
    Properties properties,
    Traits traits,
    TemplateRef template) {

  public Component {
    properties = properties == null ? Properties.EMPTY : properties;
    traits = traits == null ? Traits.EMPTY : traits;
  }

  /** Replicas to run: the given number, or 1 when absent or not positive. */
  public int effectiveReplicas() {
    return replicas == null || replicas <= 0 ? 1 : replicas;
  }

  /**
   * Whether this spec carries secret data: a {@code secret} component, or secret properties. Such a
   * spec is not kept in memory beyond the task that needs it.
   */
  public boolean holdsSecrets() {
    return "secret".equals(type) || !properties.secret().isEmpty();
  }

  /** The component type, if {@link #type()} names a known one. */
  public java.util.Optional<ComponentType> componentType() {
    return ComponentType.fromJsonName(type);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this component. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .type(type)
        .image(image)
        .namespace(namespace)
        .replicas(replicas)
        .properties(properties)
        .traits(traits)
        .template(template);
  }

  /** Builds {@link Component}. */
  public static final class Builder {
    private String name;
    private String type;
    private String image;
    private String namespace;
    private Integer replicas;
    private Properties properties;
    private Traits traits;
    private TemplateRef template;

    private Builder() {}

    /** Sets {@link Component#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@link Component#type()}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets the type from the enum. */
    public Builder type(ComponentType type) {
      this.type = type.jsonName();
      return this;
    }

    /** Sets {@link Component#image()}. */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** Sets {@link Component#namespace()}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@link Component#replicas()}. */
    public Builder replicas(Integer replicas) {
      this.replicas = replicas;
      return this;
    }

    /** Sets {@link Component#properties()}. */
    public Builder properties(Properties properties) {
      this.properties = properties;
      return this;
    }

    /** Sets {@link Component#traits()}. */
    public Builder traits(Traits traits) {
      this.traits = traits;
      return this;
    }

    /** Sets {@link Component#template()}. */
    public Builder template(TemplateRef template) {
      this.template = template;
      return this;
    }

    /** The Component with the values set so far. */
    public Component build() {
      return new Component(name, type, image, namespace, replicas, properties, traits, template);
    }
  }
}
