package io.kubemin.examples.rest;

import static io.kubemin.examples.rest.BadRequestException.APPLICATION_CONFIG;

import io.kubemin.ApplicationInfo;
import io.kubemin.DeletionResult;
import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.VersionUpdate;
import io.kubemin.spi.ComponentRecord;
import java.util.List;
import java.util.Locale;

/** Applications: list, templates, create or replace, get, delete, components, version update. */
final class ApplicationRoutes {
  private final KubeMin kubemin;

  ApplicationRoutes(KubeMin kubemin) {
    this.kubemin = kubemin;
  }

  void register(Router router, String prefix) {
    String apps = prefix + "/applications";
    router
        .get(apps, this::list)
        .get(apps + "/templates", this::templates)
        .post(apps, this::create)
        .get(apps + "/:appID", request -> ok(kubemin.application(request.param("appID"))))
        .delete(apps + "/:appID", r -> deletion(kubemin.deleteApplication(r.param("appID"))))
        .get(apps + "/:appID/components", this::components)
        .delete(
            apps + "/:appID/resources", r -> deletion(kubemin.deleteResources(r.param("appID"))))
        .post(apps + "/:appID/version", this::updateVersion);
  }

  private RestResponse list(RestRequest request) {
    Paging.Page page = Paging.page(request);
    int total = kubemin.countApplications();
    return RestResponse.ok(
        Paging.listing(
            "applications",
            page,
            (offset, limit) ->
                kubemin.applications(offset, limit).stream().map(ApplicationJson::base).toList(),
            total));
  }

  private RestResponse templates(RestRequest request) {
    return RestResponse.ok(
        Paging.listing(
            "applications",
            kubemin.listTemplates().stream().map(ApplicationJson::base).toList(),
            Paging.page(request)));
  }

  private RestResponse create(RestRequest request) {
    Application app = request.read(Application.class, APPLICATION_CONFIG);
    return ok(kubemin.createApplication(SecretMask.restored(app, stored(app.id()), true)));
  }

  /** The stored components of an application being replaced; none on create. */
  private List<ComponentRecord> stored(String appId) {
    return appId == null || appId.isBlank() ? List.of() : kubemin.components(appId);
  }

  private RestResponse components(RestRequest request) {
    String appId = request.param("appID");
    String namespace = kubemin.application(appId).namespace();
    return RestResponse.ok(
        Paging.listing(
            "components",
            kubemin.components(appId).stream()
                .map(c -> ApplicationJson.component(c, namespace))
                .toList(),
            Paging.page(request)));
  }

  private RestResponse updateVersion(RestRequest request) {
    VersionUpdate update =
        SecretMask.restored(
            request.read(VersionUpdate.class, APPLICATION_CONFIG),
            kubemin.components(request.param("appID")));
    VersionUpdate normalized =
        new VersionUpdate(
            update.version(),
            update.strategy(),
            update.components().stream().map(ApplicationRoutes::normalized).toList(),
            update.autoExec(),
            update.description());
    return RestResponse.ok(
        ApplicationJson.versionUpdated(kubemin.updateVersion(request.param("appID"), normalized)));
  }

  /** The upstream trims and lower-cases the component name of each change. */
  private static ComponentChange normalized(ComponentChange change) {
    String name = change.name() == null ? null : change.name().trim().toLowerCase(Locale.ROOT);
    return new ComponentChange(
        change.action(),
        name,
        change.image(),
        change.replicas(),
        change.env(),
        change.type(),
        change.properties(),
        change.traits());
  }

  private static RestResponse ok(ApplicationInfo app) {
    return RestResponse.ok(ApplicationJson.base(app));
  }

  /** 200 when every object is gone; 500 with the same body when some could not be deleted. */
  private static RestResponse deletion(DeletionResult result) {
    return new RestResponse(result.complete() ? 200 : 500, ApplicationJson.deletion(result));
  }
}
