package io.kubemin.internal.app;

import io.kubemin.ApplicationNotFoundException;
import io.kubemin.RevisionDiff;
import io.kubemin.RevisionNotFoundException;
import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Step;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.RevisionRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application revisions: written inside the transaction of each create, replace, version update and
 * rollback (a definition equal to the newest revision makes none), read for the facade. A store
 * that keeps no revisions is said once and then left alone: applications still change.
 */
public final class Revisions {
  private static final Logger LOG = LoggerFactory.getLogger(Revisions.class);

  /** Who a change is recorded for when nobody was named. */
  public static final String SYSTEM = "system";

  private final DataStore store;
  private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

  /**
   * @param store the store read directly (not through the engine's batching wrapper)
   */
  public Revisions(DataStore store) {
    this.store = store;
  }

  /**
   * Inside a transaction that holds the application's lock: stores a revision of this definition
   * unless the newest one already has it.
   *
   * @return the current revision number after the call, empty when the store keeps none
   */
  Optional<Integer> record(
      DataStore tx,
      String appId,
      String version,
      List<Component> components,
      List<Step> workflow,
      String author,
      String cause,
      Instant now) {
    String hash = hash(version, components, workflow);
    try {
      Optional<RevisionRecord> latest = tx.latestRevision(appId);
      if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
        return Optional.of(latest.get().number());
      }
      int number = latest.map(r -> r.number() + 1).orElse(1);
      tx.insertRevision(
          new RevisionRecord(
              appId, number, version, components, workflow, author, cause, hash, now));
      return Optional.of(number);
    } catch (UnsupportedOperationException e) {
      unsupported(e);
      return Optional.empty();
    }
  }

  private void unsupported(UnsupportedOperationException e) {
    if (unsupportedLogged.compareAndSet(false, true)) {
      LOG.warn("application revisions are not kept: {}", e.getMessage());
    }
  }

  /** The revisions of an application, oldest first. */
  public List<RevisionRecord> list(String appId) {
    requireApp(appId);
    return store.listRevisions(appId);
  }

  /** One revision. */
  public RevisionRecord get(String appId, int number) {
    requireApp(appId);
    return store
        .findRevision(appId, number)
        .orElseThrow(() -> new RevisionNotFoundException(appId, number));
  }

  /** The revision a task deployed. */
  public Optional<Integer> ofTask(String taskId) {
    return store.findTaskRevision(taskId);
  }

  /** What changed from revision {@code from} to revision {@code to}. */
  public RevisionDiff compare(String appId, int from, int to) {
    return RevisionComparison.compare(get(appId, from), get(appId, to));
  }

  private void requireApp(String appId) {
    if (store.findApplication(appId).isEmpty()) {
      throw new ApplicationNotFoundException(appId);
    }
  }

  /** SHA-256 (hex) of the version, components and workflow in the model's JSON form. */
  static String hash(String version, List<Component> components, List<Step> workflow) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("version", version);
    content.put("components", components);
    content.put("workflow", workflow);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(ModelCodec.json().write(content).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
