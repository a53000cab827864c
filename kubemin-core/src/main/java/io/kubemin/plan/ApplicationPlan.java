package io.kubemin.plan;

import java.util.List;

/**
 * What deploying an application would do on the cluster, object by object: the rendered objects
 * (create, update, unchanged, or none when they belong to someone else) in apply order, then the
 * garbage a deploy would delete (and the claims it would keep).
 *
 * @param appId the application, or null for a definition that is not stored
 * @param objects one entry per object
 * @param warnings what the plan could not look at (kinds it could not list), or that nothing would
 *     be deleted because garbage collection is off
 */
public record ApplicationPlan(String appId, List<ObjectChange> objects, List<String> warnings) {
  public ApplicationPlan {
    objects = List.copyOf(objects);
    warnings = List.copyOf(warnings);
  }

  /** Whether a deploy would change anything on the cluster. */
  public boolean hasChanges() {
    return objects.stream().anyMatch(o -> o.action().changes());
  }

  /** Whether every object could be looked at (none is {@link PlanAction#UNKNOWN}). */
  public boolean complete() {
    return objects.stream().noneMatch(o -> o.action() == PlanAction.UNKNOWN);
  }

  /** How many objects would get this action. */
  public long count(PlanAction action) {
    return objects.stream().filter(o -> o.action() == action).count();
  }
}
