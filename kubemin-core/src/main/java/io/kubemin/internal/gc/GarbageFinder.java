package io.kubemin.internal.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.internal.app.ObjectDeleter;
import io.kubemin.internal.engine.JobExecutors;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.render.Labels;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.workflow.GarbageCollection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an application's garbage: the objects of the built-in kinds, and of every custom kind one
 * of its revisions rendered, that the executors list as the application's (by its ownership labels)
 * and that the application no longer renders. The claims of a StatefulSet it still renders are
 * never garbage; other PersistentVolumeClaims are kept unless the policy deletes them.
 */
public final class GarbageFinder {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageFinder.class);
  private static final Pattern ORDINAL = Pattern.compile("[0-9]+");

  private final Renderer renderer;
  private final JobExecutors executors;
  private final Set<JobKind> unlistable = ConcurrentHashMap.newKeySet();
  private final ObjectDeleter deleter;
  private final RenderedKinds renderedKinds;
  private final GarbageCollection fallback;
  private final Map<String, GarbageCollection> perApp;

  public GarbageFinder(
      DataStore store,
      Renderer renderer,
      JobExecutors executors,
      ObjectDeleter deleter,
      GarbageCollection fallback,
      Map<String, GarbageCollection> perApp) {
    this.renderer = renderer;
    this.executors = executors;
    this.deleter = deleter;
    this.renderedKinds = new RenderedKinds(store, renderer);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.perApp = Map.copyOf(perApp);
  }

  /** The one deletion path (executors check ownership again right before deleting). */
  public ObjectDeleter deleter() {
    return deleter;
  }

  /** The policy of an application. */
  public GarbageCollection policy(String appId) {
    return perApp.getOrDefault(appId, fallback);
  }

  /**
   * The garbage of a stored application whose current definition renders {@code rendered}, highest
   * band first. A kind that cannot be listed is reported in {@link Garbage#unreadable()}.
   */
  public Garbage find(StoredApplication app, RenderedApplication rendered)
      throws InterruptedException {
    return find(app, rendered, List.of());
  }

  /**
   * What is left behind when the definition changes from {@code before} to {@code after} (a
   * rollback): the objects {@code before} renders and {@code after} does not, and the garbage in
   * the cluster, with the claims kept unless the policy deletes them.
   *
   * @throws RuntimeException when a definition does not render
   */
  public Garbage afterChange(StoredApplication before, StoredApplication after)
      throws InterruptedException {
    String appId = after.record().id();
    RenderedApplication was =
        renderer.render(before.toModel(List.of()), appId, before.componentIds());
    RenderedApplication now =
        renderer.render(after.toModel(List.of()), appId, after.componentIds());
    return find(after, now, was.objects());
  }

  /**
   * The garbage, plus the objects an earlier definition rendered ({@code renderedBefore}) that
   * {@code rendered} does not: those are deleted even by executors that cannot list (a rollback).
   */
  public Garbage find(
      StoredApplication app, RenderedApplication rendered, List<RenderedObject> renderedBefore)
      throws InterruptedException {
    if (renderedBefore.isEmpty() && !executors.anyLists()) {
      // No executor can list: nothing could be found, so neither revisions nor kinds are read.
      return Garbage.NONE;
    }
    String appId = app.record().id();
    GarbageCollection policy = policy(appId);
    Set<String> wanted = new HashSet<>();
    Set<JobKind> used = new LinkedHashSet<>();
    for (RenderedObject object : rendered.objects()) {
      wanted.add(key(object.kind(), object.namespace(), object.name()));
      used.add(object.kind());
    }
    renderedBefore.forEach(o -> used.add(o.kind()));
    used.addAll(renderedKinds.of(app));
    Set<JobKind> kinds = new LinkedHashSet<>(used);
    kinds.addAll(JobKind.values());
    List<String> claimPrefixes = statefulSetClaimPrefixes(rendered);
    List<RenderedObject> toDelete = new ArrayList<>();
    List<RenderedObject> kept = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RenderedObject before : renderedBefore) {
      String key = key(before.kind(), before.namespace(), before.name());
      if (!wanted.contains(key) && seen.add(key)) {
        sort(before, policy, toDelete, kept);
      }
    }
    for (JobKind kind : kinds) {
      for (HasMetadata object : listOwned(kind, appId, used.contains(kind), unreadable)) {
        String namespace = kind.clusterScoped() ? null : object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        String key = key(kind, namespace, name);
        if (wanted.contains(key)
            || isClaimOfRenderedStatefulSet(kind, namespace, name, claimPrefixes)
            || !seen.add(key)) {
          continue;
        }
        sort(
            new RenderedObject(component(object), kind, kind.band(), object),
            policy,
            toDelete,
            kept);
      }
    }
    toDelete.sort(ObjectDeleter.REVERSE_BANDS);
    return new Garbage(toDelete, kept, unreadable);
  }

  private static void sort(
      RenderedObject garbage,
      GarbageCollection policy,
      List<RenderedObject> toDelete,
      List<RenderedObject> kept) {
    boolean claim = garbage.kind().equals(JobKind.PERSISTENT_VOLUME_CLAIM);
    (claim && !policy.deletePersistentVolumeClaims() ? kept : toDelete).add(garbage);
  }

  /**
   * The application's objects of a kind. A kind it renders or rendered that cannot be listed is
   * reported; another built-in kind (one it never used, such as a ClusterRole where the executor
   * may not watch them) is only logged.
   */
  private List<HasMetadata> listOwned(
      JobKind kind, String appId, boolean used, List<String> unreadable)
      throws InterruptedException {
    JobExecutor executor = executors.forKind(kind).orElse(null);
    if (executor == null) {
      return List.of();
    }
    try {
      List<HasMetadata> owned = executor.listOwned(kind, appId);
      return owned.isEmpty()
          ? owned
          : owned.stream()
              .filter(o -> o.getMetadata() != null && o.getMetadata().getName() != null)
              .toList();
    } catch (RuntimeException e) {
      if (used) {
        unreadable.add(kind.kubernetesKind() + " (" + e.getMessage() + ")");
      } else if (unlistable.add(kind)) {
        LOG.warn(
            "{} objects cannot be listed ({}): garbage collection looks only for the kinds an"
                + " application renders or rendered (said once)",
            kind.kubernetesKind(),
            e.getMessage());
      }
      return List.of();
    }
  }

  private static String component(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(Labels.COMPONENT_NAME);
    return name == null ? "" : name;
  }

  /** {@code <template>-<statefulset>-} in the StatefulSet's namespace, for each claim template. */
  private static List<String> statefulSetClaimPrefixes(RenderedApplication rendered) {
    List<String> prefixes = new ArrayList<>();
    for (RenderedObject object : rendered.objects()) {
      if (object.object() instanceof StatefulSet set && set.getSpec() != null) {
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
          prefixes.add(
              object.namespace()
                  + "/"
                  + template.getMetadata().getName()
                  + "-"
                  + object.name()
                  + "-");
        }
      }
    }
    return prefixes;
  }

  private static boolean isClaimOfRenderedStatefulSet(
      JobKind kind, String namespace, String name, List<String> prefixes) {
    if (!kind.equals(JobKind.PERSISTENT_VOLUME_CLAIM)) {
      return false;
    }
    String qualified = namespace + "/" + name;
    return prefixes.stream()
        .anyMatch(
            p ->
                qualified.startsWith(p)
                    && ORDINAL.matcher(qualified.substring(p.length())).matches());
  }

  private static String key(JobKind kind, String namespace, String name) {
    return kind.group() + "/" + kind.kubernetesKind() + "/" + namespace + "/" + name;
  }
}
