package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What init containers and sidecars share: the container shape, unique names, nested traits. */
final class ExtraContainers {
  private ExtraContainers() {}

  /** A container; the environment sorted by name. */
  static Container container(
      String name, String image, List<String> command, List<String> args, Map<String, String> env) {
    Container container = new Container();
    container.setName(name);
    container.setImage(image);
    container.setImagePullPolicy("IfNotPresent");
    container.setCommand(new ArrayList<>(command));
    container.setArgs(new ArrayList<>(args));
    container.setEnv(EnvVars.sorted(env));
    return container;
  }

  /** Fails unless the role is the main container: init and sidecar traits do not nest. */
  static void requireTopLevel(TraitContext context, String trait) {
    if (context.containerRole() != ContainerRole.MAIN) {
      throw context.error(
          trait + "[0]", trait + " traits cannot be nested in an init container or sidecar");
    }
  }

  /** Fails when the pod already has a container of that name. */
  static void requireUniqueName(TraitContext context, String path, String name) {
    PodSpec pod = context.podTemplate().getSpec();
    boolean taken =
        Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
            .anyMatch(c -> c.getName().equals(name));
    if (taken) {
      throw context.error(path, "the pod already has a container named '" + name + "'");
    }
  }

  /** Applies the nested traits (if any) to the container. */
  static void applyNested(
      TraitContext context, Traits nested, Container container, ContainerRole role, String path) {
    if (nested != null && !nested.isEmpty()) {
      context.applyNested(nested, container, role, context.path() + "." + path + ".traits");
    }
  }

  /** The given name in RFC 1123 form, or the default when none is given. */
  static String name(String given, String fallback) {
    return given == null || given.isBlank()
        ? fallback
        : Naming.fit(Naming.dnsLabel(given, fallback));
  }
}
