package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Component properties, as the upstream's {@code properties} object.
 *
 * @param image image (used by init entries that nest their properties)
 * @param ports ports of the main container; a Service is rendered when non-empty
 * @param env environment variables of the main container
 * @param conf ConfigMap data for {@code config} components, or {@code config.url}/{@code
 *     config.fileName} directives
 * @param secret Secret data for {@code secret} components
 * @param command command of the main container
 * @param args arguments of the main container
 * @param labels labels merged into the component's objects and selector
 * @param extra every other key, by key, in document order: the properties of a plugin's component
 *     type, such as {@code schedule} of a {@code cronjob}; the built-in types warn about them
 */
public record Properties(
    String image,
    List<Port> ports,
    Map<String, String> env,
    Map<String, String> conf,
    Map<String, String> secret,
    List<String> command,
    List<String> args,
    Map<String, String> labels,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  /** Empty properties. */
  public static final Properties EMPTY =
      new Properties(null, null, null, null, null, null, null, null, null);

  public Properties {
    ports = Immutables.list(ports);
    env = Immutables.map(env);
    conf = Immutables.map(conf);
    secret = Immutables.map(secret);
    command = Immutables.list(command);
    args = Immutables.list(args);
    labels = Immutables.map(labels);
    extra = Immutables.map(extra);
  }

  /** Properties without extra keys. */
  public Properties(
      String image,
      List<Port> ports,
      Map<String, String> env,
      Map<String, String> conf,
      Map<String, String> secret,
      List<String> command,
      List<String> args,
      Map<String, String> labels) {
    this(image, ports, env, conf, secret, command, args, labels, null);
  }

  /** A copy with other extra keys. */
  public Properties withExtra(Map<String, JsonNode> extra) {
    return new Properties(image, ports, env, conf, secret, command, args, labels, extra);
  }

  /** A builder starting from empty properties. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Properties}. */
  public static final class Builder {
    private String image;
    private List<Port> ports;
    private Map<String, String> env;
    private Map<String, String> conf;
    private Map<String, String> secret;
    private List<String> command;
    private List<String> args;
    private Map<String, String> labels;
    private Map<String, JsonNode> extra;

    private Builder() {}

    /** Sets {@link Properties#image()}. */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** Sets {@link Properties#ports()}. */
    public Builder ports(List<Port> ports) {
      this.ports = ports;
      return this;
    }

    /** Sets {@link Properties#env()}. */
    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    /** Sets {@link Properties#conf()}. */
    public Builder conf(Map<String, String> conf) {
      this.conf = conf;
      return this;
    }

    /** Sets {@link Properties#secret()}. */
    public Builder secret(Map<String, String> secret) {
      this.secret = secret;
      return this;
    }

    /** Sets {@link Properties#command()}. */
    public Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    /** Sets {@link Properties#args()}. */
    public Builder args(List<String> args) {
      this.args = args;
      return this;
    }

    /** Sets {@link Properties#labels()}. */
    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    /** Sets {@link Properties#extra()}. */
    public Builder extra(Map<String, JsonNode> extra) {
      this.extra = extra;
      return this;
    }

    /** The Properties with the values set so far. */
    public Properties build() {
      return new Properties(image, ports, env, conf, secret, command, args, labels, extra);
    }
  }
}
