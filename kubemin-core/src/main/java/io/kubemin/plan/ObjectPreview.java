package io.kubemin.plan;

import java.util.List;
import java.util.Objects;

/**
 * What applying one object would do, as a {@link io.kubemin.spi.JobExecutor} sees it without
 * changing anything.
 *
 * @param action create, update, unchanged, none (not ours), or unknown (cannot tell)
 * @param method how the changes were found
 * @param fields the fields that would change (for an update)
 * @param note why, for {@link PlanAction#NONE}, or how (which method, and why the other was not
 *     used); may be null
 */
public record ObjectPreview(
    PlanAction action, PlanMethod method, List<FieldChange> fields, String note) {
  public ObjectPreview {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(method, "method");
    fields = List.copyOf(fields);
  }

  /** The executor cannot tell what would change. */
  public static ObjectPreview unknown(String why) {
    return new ObjectPreview(PlanAction.UNKNOWN, PlanMethod.NONE, List.of(), why);
  }
}
