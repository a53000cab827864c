package io.kubemin.trait.internal;

import io.kubemin.model.Component;
import io.kubemin.model.IngressBackend;
import io.kubemin.render.Naming;
import io.kubemin.trait.TraitContext;

/**
 * Where an ingress route sends traffic. A {@code service_name} that names a component of the
 * application, or that component's generated Service, resolves to the generated Service name (the
 * upstream used it literally, so it never matched); any other name is an outside Service.
 */
final class IngressBackends {
  static final int DEFAULT_PORT = 80;

  /**
   * @param service the Service name
   * @param port the Service port
   */
  record Target(String service, int port) {}

  private IngressBackends() {}

  static Target resolve(TraitContext context, String path, IngressBackend backend) {
    if (backend == null || backend.serviceName() == null || backend.serviceName().isBlank()) {
      throw context.error(path + ".service_name", "is required");
    }
    String name = backend.serviceName();
    for (Component component : context.application().components()) {
      String generated = Naming.service(component.name(), context.appId());
      if (name.equals(component.name()) || name.equals(generated)) {
        if (component.properties().ports().isEmpty() || !runsPods(component)) {
          throw context.error(
              path + ".service_name",
              "component '" + component.name() + "' has no ports, so it has no Service");
        }
        int port =
            backend.servicePort() != null
                ? backend.servicePort()
                : component.properties().ports().get(0).port();
        return new Target(generated, port);
      }
    }
    return new Target(name, backend.servicePort() != null ? backend.servicePort() : DEFAULT_PORT);
  }

  private static boolean runsPods(Component component) {
    return component.componentType().map(t -> t.runsContainers()).orElse(false);
  }
}
