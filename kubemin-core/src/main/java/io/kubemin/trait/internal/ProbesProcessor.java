package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.kubemin.model.ProbeTrait;
import io.kubemin.model.Traits;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code probes}: liveness, readiness and startup probes, one of each at most, with exactly one
 * handler. Applied to the main container or a sidecar; Kubernetes has no probes on init containers,
 * so they are ignored there.
 */
final class ProbesProcessor extends BuiltInTraitProcessor<List<ProbeTrait>> {
  private static final Logger LOG = LoggerFactory.getLogger(ProbesProcessor.class);
  private static final Map<String, BiConsumer<Container, Probe>> SETTERS =
      Map.of(
          "liveness", Container::setLivenessProbe,
          "readiness", Container::setReadinessProbe,
          "startup", Container::setStartupProbe);

  ProbesProcessor() {
    super("probes");
  }

  @Override
  protected List<ProbeTrait> select(Traits traits) {
    return nonEmpty(traits.probes());
  }

  @Override
  protected void applySpec(TraitContext context, List<ProbeTrait> probes) {
    if (context.containerRole() == ContainerRole.INIT) {
      LOG.debug("component '{}': probes of an init container ignored", context.component().name());
      return;
    }
    Set<String> types = new HashSet<>();
    for (int i = 0; i < probes.size(); i++) {
      ProbeTrait entry = probes.get(i);
      String path = "probes[" + i + "]";
      String type = entry.type() == null ? "" : entry.type().toLowerCase(Locale.ROOT);
      BiConsumer<Container, Probe> setter = SETTERS.get(type);
      if (setter == null) {
        throw context.error(
            path + ".type",
            "'" + entry.type() + "' is not a probe type (liveness, readiness, startup)");
      }
      if (!types.add(type)) {
        throw context.error(path + ".type", "a " + type + " probe is already defined");
      }
      setter.accept(context.container(), probe(context, path, entry));
    }
  }

  private static Probe probe(TraitContext context, String path, ProbeTrait entry) {
    int handlers =
        (entry.exec() != null ? 1 : 0)
            + (entry.httpGet() != null ? 1 : 0)
            + (entry.tcpSocket() != null ? 1 : 0);
    if (handlers != 1) {
      throw context.error(path, "needs exactly one of exec, http_get or tcp_socket");
    }
    Probe probe = new Probe();
    probe.setInitialDelaySeconds(positive(entry.initialDelaySeconds()));
    probe.setPeriodSeconds(positive(entry.periodSeconds()));
    probe.setTimeoutSeconds(positive(entry.timeoutSeconds()));
    probe.setFailureThreshold(positive(entry.failureThreshold()));
    probe.setSuccessThreshold(positive(entry.successThreshold()));
    if (entry.exec() != null) {
      if (entry.exec().command().isEmpty()) {
        throw context.error(path + ".exec.command", "is required");
      }
      probe.setExec(new ExecAction(new ArrayList<>(entry.exec().command())));
    } else if (entry.httpGet() != null) {
      var http = entry.httpGet();
      HTTPGetAction action = new HTTPGetAction();
      action.setPath(http.path() == null || http.path().isBlank() ? "/" : http.path());
      action.setPort(port(context, path + ".http_get.port", http.port()));
      action.setHost(http.host());
      action.setScheme(http.scheme() == null ? null : http.scheme().toUpperCase(Locale.ROOT));
      probe.setHttpGet(action);
    } else {
      var tcp = entry.tcpSocket();
      probe.setTcpSocket(
          new TCPSocketAction(tcp.host(), port(context, path + ".tcp_socket.port", tcp.port())));
    }
    return probe;
  }

  private static IntOrString port(TraitContext context, String path, Integer port) {
    if (port == null || port <= 0 || port > 65535) {
      throw context.error(path, "must be a port number (1..65535)");
    }
    return new IntOrString(port);
  }

  /** Zero means "Kubernetes default", as in the upstream's Go structs. */
  private static Integer positive(Integer value) {
    return value == null || value <= 0 ? null : value;
  }
}
