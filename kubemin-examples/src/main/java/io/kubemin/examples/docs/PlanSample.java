package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.FieldChange;
import io.kubemin.plan.ObjectChange;
import io.kubemin.spi.JobExecutor;
import io.kubemin.workflow.GarbageCollection;
import java.util.ArrayList;
import java.util.List;

/** docs/lifecycle.md: garbage collection settings, and a plan read before a deploy. */
public final class PlanSample {
  private PlanSample() {}

  /** Garbage collection that also deletes claims, for one application; the others keep theirs. */
  public static KubeMin deletingClaimsOf(String appId, JobExecutor executor) {
    return KubeMin.builder()
        .jobExecutor(executor)
        .garbageCollection(GarbageCollection.keepClaims())
        .garbageCollection(appId, GarbageCollection.deletingClaims())
        .build();
  }

  /** One line per object a deploy would change, and one per changed field below it. */
  public static List<String> changes(KubeMin kubemin, String appId) {
    ApplicationPlan plan = kubemin.plan(appId);
    List<String> lines = new ArrayList<>();
    for (ObjectChange object : plan.objects()) {
      if (object.action().changes()) {
        lines.add(object.action().jsonName() + " " + object.describe());
        for (FieldChange field : object.fields()) {
          lines.add("    " + field.describe());
        }
      }
    }
    return lines;
  }

  /** Deploys only when the plan says something would change; returns the task id, or null. */
  public static String deployIfChanged(KubeMin kubemin, String appId) {
    return kubemin.plan(appId).hasChanges() ? kubemin.exec(appId) : null;
  }
}
