package io.kubemin.spi;

import io.kubemin.model.Component;
import io.kubemin.model.Step;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One immutable, numbered revision of an application's definition: what a create, replace, version
 * update or rollback made current. Revisions are self-contained (components with their traits, the
 * default workflow's steps and the version string), so a revision can be deployed again after the
 * template it was cloned from is gone.
 *
 * @param appId the application
 * @param number 1 for the first revision, one more for each later one
 * @param version the application's version string (may be null)
 * @param components the components as stored, with their traits, in order
 * @param workflow the steps of the default workflow
 * @param author who made the change ({@code system} when nobody was named)
 * @param cause what made it: {@code created}, {@code replaced}, {@code version <v>}, or {@code
 *     rolled back from <n> to <m>}
 * @param contentHash SHA-256 (hex) of the version, components and workflow; two revisions with the
 *     same hash define the same application
 * @param createdAt when it was stored
 */
public record RevisionRecord(
    String appId,
    int number,
    String version,
    List<Component> components,
    List<Step> workflow,
    String author,
    String cause,
    String contentHash,
    Instant createdAt) {
  public RevisionRecord {
    Objects.requireNonNull(appId, "appId");
    if (number < 1) {
      throw new IllegalArgumentException("number must be 1 or more, got " + number);
    }
    components = List.copyOf(components);
    workflow = List.copyOf(workflow);
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
