package io.kubemin.examples.rest;

import io.kubemin.KubeMin;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.FieldChange;
import io.kubemin.plan.ObjectChange;
import io.kubemin.plan.PlanAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /applications/:appID/plan}: what deploying the stored application would do on the
 * cluster, object by object (Secret data masked). Both dialects; 501 on a server without a cluster.
 */
final class PlanRoutes {
  private final KubeMin kubemin;

  PlanRoutes(KubeMin kubemin) {
    this.kubemin = kubemin;
  }

  /** The plan: whether anything would change, counts by action, the objects, the warnings. */
  record PlanView(
      String appId,
      boolean changes,
      Map<String, Long> summary,
      List<ObjectView> objects,
      List<String> warnings) {}

  /** One object of a plan. */
  record ObjectView(
      String action,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String component,
      String method,
      List<FieldView> fields,
      String note) {}

  /** One changed field; both values null when masked. */
  record FieldView(String path, String before, String after, boolean masked) {}

  void register(Router router, String prefix) {
    router.get(prefix + "/applications/:appID/plan", this::plan);
  }

  private RestResponse plan(RestRequest request) {
    return RestResponse.ok(view(kubemin.plan(request.param("appID"))));
  }

  static PlanView view(ApplicationPlan plan) {
    Map<String, Long> summary = new LinkedHashMap<>();
    for (PlanAction action : PlanAction.values()) {
      summary.put(action.jsonName(), plan.count(action));
    }
    return new PlanView(
        plan.appId(),
        plan.hasChanges(),
        summary,
        plan.objects().stream().map(PlanRoutes::object).toList(),
        plan.warnings());
  }

  private static ObjectView object(ObjectChange c) {
    return new ObjectView(
        c.action().jsonName(),
        c.apiVersion(),
        c.kind(),
        c.namespace(),
        c.name(),
        c.component(),
        c.method().jsonName(),
        c.fields().stream().map(PlanRoutes::field).toList(),
        c.note());
  }

  private static FieldView field(FieldChange f) {
    return new FieldView(f.path(), f.before(), f.after(), f.masked());
  }
}
