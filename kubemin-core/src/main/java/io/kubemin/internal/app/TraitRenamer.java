package io.kubemin.internal.app;

import io.kubemin.model.EnvFromTrait;
import io.kubemin.model.EnvTrait;
import io.kubemin.model.EnvValueSource;
import io.kubemin.model.IngressBackend;
import io.kubemin.model.IngressRoute;
import io.kubemin.model.IngressTls;
import io.kubemin.model.IngressTrait;
import io.kubemin.model.InitTrait;
import io.kubemin.model.KeyReference;
import io.kubemin.model.RbacTrait;
import io.kubemin.model.ShareTrait;
import io.kubemin.model.SidecarTrait;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Rewrites the names inside a cloned template component's traits (inventory §5.12 step 8), init and
 * sidecar traits included: names that refer to the template's components become the clones' names,
 * persistent volumes get names of their own, RBAC objects move to the new namespace.
 */
final class TraitRenamer {
  private final String oldName;
  private final String newName;
  private final String volumePrefix;
  private final String namespace;
  private final Map<String, String> names;
  private final ShareTrait share;

  TraitRenamer(CloneNames clone) {
    this.oldName = clone.oldName();
    this.newName = clone.newName();
    this.volumePrefix = clone.volumePrefix();
    this.namespace = clone.namespace();
    this.names = clone.names();
    this.share = clone.share();
  }

  /** The rewritten traits; {@code replacedShare}, when given, replaces their share trait. */
  Traits traits(Traits traits, ShareTrait replacedShare) {
    Traits.Builder rewritten =
        Traits.builder()
            .storage(each(traits.storage(), this::storage))
            .envFrom(
                each(traits.envFrom(), e -> new EnvFromTrait(e.type(), rename(e.sourceName()))))
            .envs(each(traits.envs(), this::env))
            .resources(traits.resources())
            .probes(traits.probes())
            .rbac(each(traits.rbac(), this::rbac))
            .init(indexed(traits.init(), this::init))
            .sidecar(indexed(traits.sidecar(), this::sidecar))
            .ingress(each(traits.ingress(), this::ingress))
            .share(replacedShare == null ? traits.share() : replacedShare);
    traits.custom().forEach(rewritten::custom);
    return rewritten.build();
  }

  private StorageTrait storage(StorageTrait s) {
    String name;
    if (isBlank(s.name()) || s.name().equals(oldName)) {
      name = newName;
    } else if ("persistent".equals(lower(s.type()))) {
      name = persistentName(s.name());
    } else {
      name = rename(s.name());
    }
    return new StorageTrait(
        name,
        s.type(),
        s.mountPath(),
        s.subPath(),
        s.readOnly(),
        rename(s.sourceName()),
        s.tmpCreate(),
        s.size(),
        rename(s.claimName()),
        s.storageClass());
  }

  /**
   * A persistent volume's claims must not collide with the template's: a name with the component's
   * name in it follows the new name, any other gets the application's name as a prefix. Shared
   * clones keep their names, so that every application finds the same claims.
   */
  private String persistentName(String name) {
    if (name.contains(oldName)) {
      return name.replace(oldName, newName);
    }
    if (share != null
        || isBlank(volumePrefix)
        || name.equals(volumePrefix)
        || name.startsWith(volumePrefix + "-")) {
      return name;
    }
    return volumePrefix + "-" + name;
  }

  private EnvTrait env(EnvTrait env) {
    EnvValueSource from = env.valueFrom();
    if (from == null) {
      return env;
    }
    return new EnvTrait(
        env.name(),
        new EnvValueSource(
            from.staticValue(), key(from.secret()), key(from.config()), from.field()));
  }

  private KeyReference key(KeyReference reference) {
    return reference == null ? null : new KeyReference(rename(reference.name()), reference.key());
  }

  private RbacTrait rbac(RbacTrait r) {
    // Names stay as the template has them (upstream); the objects move to the new namespace.
    return new RbacTrait(
        r.serviceAccount(),
        namespace,
        r.clusterScope(),
        r.roleName(),
        r.bindingName(),
        r.serviceAccountLabels(),
        r.serviceAccountAnnotations(),
        r.roleLabels(),
        r.bindingLabels(),
        r.rules(),
        r.automountServiceAccountToken());
  }

  private InitTrait init(InitTrait init, int index) {
    String name =
        oldName.equals(init.name()) ? Naming.initContainer(newName, index + 1) : init.name();
    return new InitTrait(
        name,
        init.properties(),
        init.image(),
        init.command(),
        init.args(),
        init.env(),
        init.traits() == null ? null : traits(init.traits(), null));
  }

  private SidecarTrait sidecar(SidecarTrait sidecar, int index) {
    String name =
        oldName.equals(sidecar.name())
            ? Naming.sidecarContainer(newName, index + 1)
            : sidecar.name();
    return new SidecarTrait(
        name,
        sidecar.image(),
        sidecar.command(),
        sidecar.args(),
        sidecar.env(),
        sidecar.traits() == null ? null : traits(sidecar.traits(), null));
  }

  private IngressTrait ingress(IngressTrait ingress) {
    return new IngressTrait(
        rename(ingress.name()),
        ingress.namespace(),
        ingress.hosts(),
        ingress.labels(),
        ingress.annotations(),
        ingress.ingressClassName(),
        ingress.defaultPathType(),
        each(ingress.tls(), t -> new IngressTls(component(t.secretName()), t.hosts())),
        each(ingress.routes(), this::route));
  }

  private IngressRoute route(IngressRoute route) {
    IngressBackend backend = route.backend();
    if (backend == null) {
      return route;
    }
    return new IngressRoute(
        route.path(),
        route.pathType(),
        route.host(),
        new IngressBackend(
            component(backend.serviceName()),
            backend.servicePort(),
            backend.weight(),
            backend.headers()),
        route.rewrite());
  }

  /** A name that refers to a template component exactly: the clone's name; else unchanged. */
  private String component(String name) {
    return name == null ? null : names.getOrDefault(name, name);
  }

  /**
   * A name that may refer to a template component: exactly (the clone's name), or with this
   * component's name inside it (replaced by the new name); else unchanged.
   */
  private String rename(String name) {
    if (isBlank(name)) {
      return name;
    }
    String mapped = names.get(name);
    if (mapped != null) {
      return mapped;
    }
    return name.contains(oldName) ? name.replace(oldName, newName) : name;
  }

  private static <T> List<T> each(List<T> items, Function<T, T> rewrite) {
    return items.stream().map(rewrite).toList();
  }

  private static <T> List<T> indexed(List<T> items, BiFunction<T, Integer, T> rewrite) {
    return IntStream.range(0, items.size()).mapToObj(i -> rewrite.apply(items.get(i), i)).toList();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
