package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubemin.model.Port;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.Metadata;
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
  static Service clusterIp(ComponentScope scope, List<ContainerPort> ports) {
    return service(scope, Naming.service(scope.name(), scope.appId()), null, ports);
  }

  /** {@code svc-<component>-<appId>-headless}: the StatefulSet's governing Service. */
  static Service headless(ComponentScope scope, List<ContainerPort> ports) {
    return service(scope, Naming.headlessService(scope.name(), scope.appId()), "None", ports);
  }

  /** The component's ports as container ports, checked: valid numbers and protocols, no repeats. */
  static List<ContainerPort> containerPorts(ComponentScope scope) {
    List<Port> given = scope.component().properties().ports();
    List<ContainerPort> ports = new ArrayList<>(given.size());
    Set<String> seen = new HashSet<>();
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
      ContainerPort containerPort = new ContainerPort();
      containerPort.setContainerPort(port.port());
      containerPort.setProtocol(protocol);
      ports.add(containerPort);
    }
    return ports;
  }

  private static Service service(
      ComponentScope scope, String name, String clusterIp, List<ContainerPort> containerPorts) {
    ServiceSpec spec = new ServiceSpec();
    spec.setType("ClusterIP");
    spec.setClusterIP(clusterIp);
    spec.setSelector(Labels.selector(scope.appId(), scope.name()));
    for (ContainerPort containerPort : containerPorts) {
      int number = containerPort.getContainerPort();
      String protocol = containerPort.getProtocol();
      ServicePort port = new ServicePort();
      // Names stay unique when one number is served over two protocols.
      port.setName(
          "TCP".equals(protocol)
              ? Naming.servicePort(scope.name(), number)
              : protocol.toLowerCase(Locale.ROOT) + "-" + number);
      port.setPort(number);
      port.setTargetPort(new IntOrString(number));
      port.setProtocol(protocol);
      spec.getPorts().add(port);
    }
    Service service = new Service();
    service.setMetadata(Metadata.of(name, scope.namespace(), scope.labels()));
    service.setSpec(spec);
    return service;
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
