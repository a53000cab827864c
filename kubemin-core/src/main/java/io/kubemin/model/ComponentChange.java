package io.kubemin.model;

import java.util.Map;

/**
 * One component change of a version update.
 *
 * @param action {@code update} (default), {@code add} or {@code remove}
 * @param name component name
 * @param image new image ({@code update}, {@code add})
 * @param replicas new replicas ({@code update}, {@code add})
 * @param env variables merged into the component's env ({@code update})
 * @param type component type ({@code add})
 * @param properties properties ({@code add}); on {@code update} its {@code env}, {@code conf} and
 *     {@code secret} entries are merged into the component's
 * @param traits traits ({@code add})
 */
public record ComponentChange(
    String action,
    String name,
    String image,
    Integer replicas,
    Map<String, String> env,
    String type,
    Properties properties,
    Traits traits) {
  public ComponentChange {
    env = Immutables.map(env);
  }
}
