package io.kubemin.model;

import java.util.List;
import java.util.Map;

/**
 * An init container ({@code traits.init[]}). The upstream puts {@code image}, {@code command} and
 * {@code env} under {@code properties}; the direct form on the entry is accepted as well and wins
 * when both are given.
 *
 * @param name container name (default {@code <component>-init-<n>})
 * @param properties upstream form: image, command, env
 * @param image direct form of the image
 * @param command direct form of the command
 * @param args arguments
 * @param env direct form of the environment
 * @param traits nested traits applied to this container (no {@code init} or {@code sidecar})
 */
public record InitTrait(
    String name,
    Properties properties,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Traits traits) {
  public InitTrait {
    command = Immutables.list(command);
    args = Immutables.list(args);
    env = Immutables.map(env);
  }

  /** The image from the direct form, else from {@code properties}. */
  public String effectiveImage() {
    if (image != null && !image.isBlank()) {
      return image;
    }
    return properties == null ? null : properties.image();
  }

  /** The command from the direct form, else from {@code properties}. */
  public List<String> effectiveCommand() {
    if (!command.isEmpty() || properties == null) {
      return command;
    }
    return properties.command();
  }

  /** The arguments from the direct form, else from {@code properties}. */
  public List<String> effectiveArgs() {
    if (!args.isEmpty() || properties == null) {
      return args;
    }
    return properties.args();
  }

  /** The environment of {@code properties} overlaid with the direct form. */
  public Map<String, String> effectiveEnv() {
    if (properties == null || properties.env().isEmpty()) {
      return env;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(properties.env());
    merged.putAll(env);
    return Map.copyOf(merged);
  }
}
