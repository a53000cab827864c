package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.TraitContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ingress}: one Ingress per entry, named {@code ing-<name>-<appId>}, in the component's
 * namespace. Routes are grouped into rules by host; a backend naming a component (or its Service)
 * goes to that component's generated Service.
 */
final class IngressProcessor extends BuiltInTraitProcessor<List<IngressTrait>> {
  static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";
  static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";

  IngressProcessor() {
    super("ingress");
  }

  @Override
  protected List<IngressTrait> select(Traits traits) {
    return nonEmpty(traits.ingress());
  }

  @Override
  protected void applySpec(TraitContext context, List<IngressTrait> entries) {
    for (int i = 0; i < entries.size(); i++) {
      IngressTrait entry = entries.get(i);
      String path = "ingress[" + i + "]";
      if (entry.routes().isEmpty()) {
        throw context.error(path + ".routes", "at least one route is required");
      }
      Map<String, String> annotations = annotations(entry);
      Map<String, String> labels = new LinkedHashMap<>(entry.labels());
      labels.putAll(context.labels());
      ObjectMeta meta =
          Metadata.of(
              Naming.ingress(traitName(context, entry, i + 1), context.appId()),
              context.namespace(),
              labels);
      meta.setAnnotations(annotations);
      IngressSpec spec = new IngressSpec();
      spec.setIngressClassName(blank(entry.ingressClassName()) ? null : entry.ingressClassName());
      spec.setTls(tls(entry));
      spec.setRules(rules(context, path, entry, annotations));
      Ingress ingress = new Ingress();
      ingress.setMetadata(meta);
      ingress.setSpec(spec);
      context.addObject(JobKind.INGRESS, ingress);
    }
  }

  private static String traitName(TraitContext context, IngressTrait entry, int n) {
    if (!blank(entry.name())) {
      return entry.name();
    }
    String base = context.component().name().toLowerCase(java.util.Locale.ROOT) + "-ingress";
    return n == 1 ? base : base + "-" + n;
  }

  private static Map<String, String> annotations(IngressTrait entry) {
    Map<String, String> annotations = new LinkedHashMap<>(entry.annotations());
    for (IngressRoute route : entry.routes()) {
      if (route.rewrite() == null) {
        continue;
      }
      if (!blank(route.rewrite().replacement())) {
        annotations.putIfAbsent(REWRITE_TARGET, route.rewrite().replacement());
      }
      String type = route.rewrite().type();
      if ("regex".equalsIgnoreCase(type) || "regexreplace".equalsIgnoreCase(type)) {
        annotations.put(USE_REGEX, "true");
      }
    }
    return annotations;
  }

  private static List<IngressRule> rules(
      TraitContext context, String path, IngressTrait entry, Map<String, String> annotations) {
    boolean regex = "true".equalsIgnoreCase(annotations.get(USE_REGEX));
    Map<String, List<HTTPIngressPath>> byHost = new LinkedHashMap<>();
    for (int j = 0; j < entry.routes().size(); j++) {
      IngressRoute route = entry.routes().get(j);
      String routePath = path + ".routes[" + j + "]";
      List<String> hosts =
          !blank(route.host())
              ? List.of(route.host())
              : entry.hosts().isEmpty() ? List.of("") : entry.hosts();
      for (String host : hosts) {
        byHost
            .computeIfAbsent(host, h -> new ArrayList<>())
            .add(httpPath(context, routePath, entry, route, regex));
      }
    }
    List<IngressRule> rules = new ArrayList<>();
    byHost.forEach(
        (host, paths) ->
            rules.add(
                new IngressRule(host.isEmpty() ? null : host, new HTTPIngressRuleValue(paths))));
    return rules;
  }

  private static HTTPIngressPath httpPath(
      TraitContext context, String path, IngressTrait entry, IngressRoute route, boolean regex) {
    IngressBackends.Target target =
        IngressBackends.resolve(context, path + ".backend", route.backend());
    IngressServiceBackend service =
        new IngressServiceBackend(target.service(), new ServiceBackendPort(null, target.port()));
    HTTPIngressPath httpPath = new HTTPIngressPath();
    httpPath.setPath(blank(route.path()) ? "/" : route.path());
    httpPath.setPathType(pathType(context, path, route.pathType(), entry.defaultPathType(), regex));
    httpPath.setBackend(new IngressBackend(null, service));
    return httpPath;
  }

  private static String pathType(
      TraitContext context, String path, String routeType, String defaultType, boolean regex) {
    String given = !blank(routeType) ? routeType : defaultType;
    String field =
        !blank(routeType)
            ? path + ".path_type"
            : path.substring(0, path.lastIndexOf(".routes[")) + ".default_path_type";
    if (blank(given)) {
      return regex ? "ImplementationSpecific" : "Prefix";
    }
    return switch (given.toLowerCase(java.util.Locale.ROOT)) {
      case "prefix" -> "Prefix";
      case "exact" -> "Exact";
      case "implementationspecific", "implementation-specific" -> "ImplementationSpecific";
      default ->
          throw context.error(
              field, "'" + given + "' is not a path type (Prefix, Exact, ImplementationSpecific)");
    };
  }

  private static List<IngressTLS> tls(IngressTrait entry) {
    List<IngressTLS> tls = new ArrayList<>();
    entry.tls().forEach(t -> tls.add(new IngressTLS(new ArrayList<>(t.hosts()), t.secretName())));
    return tls;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
