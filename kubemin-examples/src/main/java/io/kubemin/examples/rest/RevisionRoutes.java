package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.BadRequestException.APPLICATION_CONFIG;

import io.kubemin.KubeMin;
import io.kubemin.RevisionDiff;
import io.kubemin.RollbackResult;
import io.kubemin.model.Component;
import io.kubemin.spi.RevisionRecord;
import java.util.List;

/**
 * Application revisions and rollback: list, get one (secret values masked), compare two, roll back.
 * Both dialects: the reply's naming is a serialization concern.
 */
final class RevisionRoutes {
  private final KubeMin kubemin;

  RevisionRoutes(KubeMin kubemin) {
    this.kubemin = kubemin;
  }

  /** A revision in a listing, without its definition. */
  record RevisionSummary(
      int revision,
      String version,
      String author,
      String cause,
      String contentHash,
      String createTime) {}

  /** One revision with its definition; secret values read as {@code ***}. */
  record RevisionView(
      int revision,
      String version,
      String author,
      String cause,
      String contentHash,
      String createTime,
      List<ComponentSpec> components,
      Compact workflow) {}

  /** A component of a revision. */
  record ComponentSpec(
      String name,
      String type,
      String image,
      Integer replicas,
      Compact properties,
      Compact traits) {}

  /**
   * The body of {@code POST .../rollback}.
   *
   * @param revision the revision to roll back to (required)
   * @param user who asks (default {@code system})
   */
  record RollbackBody(Integer revision, String user) {}

  /** The answer of a rollback. */
  record RollbackAnswer(
      String appId,
      int from,
      int to,
      int revision,
      String taskId,
      List<String> deletedResources,
      List<String> failedResources) {}

  void register(Router router, String prefix) {
    String app = prefix + "/applications/:appID";
    router
        .get(app + "/revisions", this::list)
        .get(app + "/revisions/:revision", this::get)
        .get(app + "/revisions/:revision/compare/:other", this::compare)
        .post(app + "/rollback", this::rollback);
  }

  private RestResponse list(RestRequest request) {
    List<RevisionSummary> all =
        kubemin.revisions(request.param("appID")).stream()
            .map(
                r ->
                    new RevisionSummary(
                        r.number(),
                        r.version(),
                        r.author(),
                        r.cause(),
                        r.contentHash(),
                        ApplicationJson.time(r.createdAt())))
            .toList();
    return RestResponse.ok(Paging.listing("revisions", all, Paging.page(request)));
  }

  private RestResponse get(RestRequest request) {
    RevisionRecord r = kubemin.revision(request.param("appID"), number(request, "revision"));
    return RestResponse.ok(
        new RevisionView(
            r.number(),
            r.version(),
            r.author(),
            r.cause(),
            r.contentHash(),
            ApplicationJson.time(r.createdAt()),
            r.components().stream().map(RevisionRoutes::spec).toList(),
            new Compact(r.workflow())));
  }

  private static ComponentSpec spec(Component c) {
    return new ComponentSpec(
        c.name(),
        c.type(),
        c.image(),
        c.replicas(),
        new Compact(ApplicationJson.masked(c.properties())),
        new Compact(c.traits()));
  }

  private RestResponse compare(RestRequest request) {
    RevisionDiff diff =
        kubemin.compareRevisions(
            request.param("appID"), number(request, "revision"), number(request, "other"));
    return RestResponse.ok(diff);
  }

  private RestResponse rollback(RestRequest request) {
    RollbackBody body = request.read(RollbackBody.class, APPLICATION_CONFIG);
    if (body.revision() == null || body.revision() < 1) {
      throw new BadRequestException(APPLICATION_CONFIG, "revision must be a number, 1 or more");
    }
    String user = body.user() == null || body.user().isBlank() ? null : body.user();
    RollbackResult result = kubemin.rollback(request.param("appID"), body.revision(), user);
    return RestResponse.ok(
        new RollbackAnswer(
            result.appId(),
            result.from(),
            result.to(),
            result.revision(),
            result.taskId(),
            result.deletion().deletedResources(),
            ApplicationJson.nullIfEmpty(result.deletion().failedResources())));
  }

  private static int number(RestRequest request, String name) {
    String text = request.param(name);
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestException(
        APPLICATION_CONFIG, name + " must be a revision number, 1 or more, not '" + text + "'");
  }
}
