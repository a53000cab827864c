package io.kubemin.internal.app;

import io.kubemin.ComponentNotFoundException;
import io.kubemin.InvalidVersionUpdateException;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.Properties;
import io.kubemin.spi.ComponentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The components of an application while the changes of a version update are applied to them. Names
 * match case-insensitively, as the upstream's. A change that does not apply (update or remove of a
 * missing component, add of an existing one, unknown action) fails the whole update.
 */
final class ComponentChanges {
  private final String appId;
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final List<String> updated = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();

  ComponentChanges(String appId, List<ComponentRecord> current) {
    this.appId = appId;
    current.forEach(c -> components.put(c.name(), c.spec()));
  }

  void apply(String field, ComponentChange change) {
    String action =
        change.action() == null || change.action().isBlank() ? "update" : change.action();
    String name = change.name() == null ? "" : change.name().trim();
    String existing = find(name);
    switch (action) {
      case "update" -> update(required(existing, name), change);
      case "add" -> add(field, existing, name, change);
      case "remove" -> {
        components.remove(required(existing, name));
        removed.add(existing);
      }
      default ->
          throw new InvalidVersionUpdateException(
              field + ".action",
              "must be update, add or remove, not '" + action + "'",
              InvalidVersionUpdateException.INVALID_ACTION);
    }
  }

  private void update(String name, ComponentChange change) {
    Component current = components.get(name);
    Component.Builder next = current.toBuilder();
    boolean changed = false;
    if (change.image() != null && !change.image().equals(current.image())) {
      next.image(change.image());
      changed = true;
    }
    if (change.replicas() != null && !change.replicas().equals(current.replicas())) {
      next.replicas(change.replicas());
      changed = true;
    }
    Properties merged = mergedProperties(current.properties(), change);
    if (!merged.equals(current.properties())) {
      next.properties(merged);
      changed = true;
    }
    if (changed) {
      components.put(name, next.build());
      updated.add(name);
    }
  }

  private void add(String field, String existing, String name, ComponentChange change) {
    if (existing != null) {
      throw new InvalidVersionUpdateException(
          field + ".name",
          "component '" + name + "' already exists",
          InvalidVersionUpdateException.COMPONENT_EXISTS);
    }
    components.put(
        name,
        Component.builder()
            .name(name)
            .type(change.type())
            .image(change.image())
            .replicas(change.replicas() == null ? 1 : change.replicas())
            .properties(change.properties())
            .traits(change.traits())
            .build());
    added.add(name);
  }

  /**
   * The properties after an update: {@code env} and {@code properties.env}, {@code properties.conf}
   * and {@code properties.secret} are merged key by key into the current ones (a changed secret
   * value is a change like any other).
   */
  private static Properties mergedProperties(Properties p, ComponentChange change) {
    Map<String, String> env = merged(p.env(), change.env());
    Map<String, String> conf = p.conf();
    Map<String, String> secret = p.secret();
    if (change.properties() != null) {
      env = merged(env, change.properties().env());
      conf = merged(conf, change.properties().conf());
      secret = merged(secret, change.properties().secret());
    }
    return new Properties(
        p.image(), p.ports(), env, conf, secret, p.command(), p.args(), p.labels(), p.extra());
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> more) {
    if (more.isEmpty()) {
      return base;
    }
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(more);
    return all;
  }

  private String find(String name) {
    return components.keySet().stream()
        .filter(n -> n.equalsIgnoreCase(name))
        .findFirst()
        .orElse(null);
  }

  private String required(String existing, String name) {
    if (existing == null) {
      throw new ComponentNotFoundException(appId, name);
    }
    return existing;
  }

  List<Component> components() {
    return List.copyOf(components.values());
  }

  List<String> updated() {
    return List.copyOf(updated);
  }

  List<String> added() {
    return List.copyOf(added);
  }

  List<String> removed() {
    return List.copyOf(removed);
  }

  boolean any() {
    return !updated.isEmpty() || !added.isEmpty() || !removed.isEmpty();
  }
}
