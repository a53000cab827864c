package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kubemin.model.Port;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.trait.internal.ComponentScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Services of a component: a ClusterIP Service when it has ports, and the headless Service of a
 * StatefulSet. Both select only the component's own pods.
 */
final class ServiceRenderer {
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

  private ServiceRenderer() {}

  /** {@code svc-<component>-<appId>}, type ClusterIP. */
  static Service clusterIp(ComponentScope scope) {
    return service(scope, Naming.service(scope.name(), scope.appId()), null);
  }

  /** {@code svc-<component>-<appId>-headless}: the StatefulSet's governing Service. */
  static Service headless(ComponentScope scope) {
    return service(scope, Naming.headlessService(scope.name(), scope.appId()), "None");
  }

  /** The container ports of the main container, checked. */
  static List<ContainerPort> containerPorts(ComponentScope scope) {
    List<ContainerPort> ports = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Port> given = scope.component().properties().ports();
    for (int i = 0; i < given.size(); i++) {
      Port port = given.get(i);
      String path = "properties.ports[" + i + "]";
      if (port.port() < 1 || port.port() > 65535) {
        throw scope.error(path + ".port", "must be a port number (1..65535)");
      }
      String protocol = protocol(scope, path, port);
      if (!seen.add(port.port() + "/" + protocol)) {
        throw scope.error(
            path + ".port", "port " + port.port() + "/" + protocol + " is listed twice");
      }
      ports.add(
          new ContainerPortBuilder().withContainerPort(port.port()).withProtocol(protocol).build());
    }
    return ports;
  }

  private static Service service(ComponentScope scope, String name, String clusterIp) {
    List<ServicePort> ports = new ArrayList<>();
    for (ContainerPort port : containerPorts(scope)) {
      int number = port.getContainerPort();
      // Names stay unique when one number is served over two protocols.
      String portName =
          "TCP".equals(port.getProtocol())
              ? Naming.servicePort(scope.name(), number)
              : port.getProtocol().toLowerCase(Locale.ROOT) + "-" + number;
      ports.add(
          new ServicePortBuilder()
              .withName(portName)
              .withPort(number)
              .withTargetPort(new IntOrString(number))
              .withProtocol(port.getProtocol())
              .build());
    }
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(scope.namespace())
        .withLabels(scope.labels())
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP(clusterIp)
        .withSelector(Labels.selector(scope.appId(), scope.name()))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static String protocol(ComponentScope scope, String path, Port port) {
    String protocol =
        port.protocol() == null || port.protocol().isBlank()
            ? "TCP"
            : port.protocol().toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw scope.error(path + ".protocol", "'" + port.protocol() + "' is not TCP, UDP or SCTP");
    }
    return protocol;
  }
}
