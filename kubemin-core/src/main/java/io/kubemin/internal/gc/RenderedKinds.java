package io.kubemin.internal.gc;

import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.Application;
import io.kubemin.render.Renderer;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.spi.RevisionRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kinds that any revision of an application ever rendered, so garbage collection also looks for
 * objects of a kind the current definition no longer renders (a plugin's custom resource).
 * Revisions are immutable: each is rendered once per process.
 */
final class RenderedKinds {
  private static final Logger LOG = LoggerFactory.getLogger(RenderedKinds.class);
  private static final int MAX_APPLICATIONS = 10_000;

  private final DataStore store;
  private final Renderer renderer;
  private final Map<String, Seen> byApp =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
              return size() > MAX_APPLICATIONS;
            }
          });

  /** The kinds up to a revision, read while the application had this fingerprint. */
  private record Seen(int fingerprint, int upToRevision, Set<JobKind> kinds) {}

  RenderedKinds(DataStore store, Renderer renderer) {
    this.store = store;
    this.renderer = renderer;
  }

  /**
   * The custom kinds of every revision of the application (none when the store keeps none). The
   * store is read only when the application changed since the last call (a change is what makes a
   * revision).
   */
  Set<JobKind> of(StoredApplication app) {
    String appId = app.record().id();
    // New kinds come only with new component specs (status updates do not count).
    int fingerprint =
        Objects.hash(
            app.record().namespace(),
            app.components().stream().map(c -> List.of(c.id(), c.name(), c.spec())).toList());
    Seen seen = byApp.get(appId);
    if (seen != null && seen.fingerprint() == fingerprint) {
      return seen.kinds();
    }
    List<Integer> numbers;
    try {
      numbers = store.revisionNumbers(appId);
    } catch (UnsupportedOperationException e) {
      return Set.of();
    }
    int upTo = seen == null ? 0 : seen.upToRevision();
    Set<JobKind> kinds = new LinkedHashSet<>(seen == null ? Set.of() : seen.kinds());
    // A single revision is the current definition, whose kinds the caller renders anyway: it is
    // read (and counted as seen) only once a newer one exists, which keeps a new application's
    // collection to one light read.
    int newest = upTo;
    if (numbers.size() > 1) {
      for (int number : numbers) {
        if (number > upTo) {
          store.findRevision(appId, number).ifPresent(r -> kinds.addAll(customKinds(app, r)));
          newest = Math.max(newest, number);
        }
      }
    }
    byApp.put(appId, new Seen(fingerprint, newest, Set.copyOf(kinds)));
    return kinds;
  }

  private Set<JobKind> customKinds(StoredApplication app, RevisionRecord revision) {
    Application definition =
        app.toModel(revision.workflow()).toBuilder()
            .version(revision.version())
            .components(revision.components())
            .build();
    Set<JobKind> kinds = new LinkedHashSet<>();
    try {
      renderer.render(definition, app.record().id(), app.componentIds()).objects().stream()
          .map(RenderedObject::kind)
          .forEach(kinds::add);
    } catch (RuntimeException e) {
      // A revision whose plugin is gone renders no more; its kinds are not looked for.
      LOG.debug(
          "revision {} of application {} does not render: {}",
          revision.number(),
          app.record().id(),
          e.getMessage());
    }
    return kinds;
  }
}
