package io.kubemin.plan;

import java.util.List;
import java.util.Objects;

/**
 * What a deploy would do to one object of an application.
 *
 * @param action create, update, unchanged, delete, or none
 * @param apiVersion the object's {@code apiVersion}
 * @param kind the object's kind
 * @param namespace its namespace, null for cluster-scoped objects
 * @param name its name
 * @param component the component it belongs to (from its labels for garbage; may be empty)
 * @param method how the changes were found
 * @param fields the fields an update would change (Secret data masked)
 * @param note more about the action (why nothing is done, a kept claim); may be null
 */
public record ObjectChange(
    PlanAction action,
    String apiVersion,
    String kind,
    String namespace,
    String name,
    String component,
    PlanMethod method,
    List<FieldChange> fields,
    String note) {
  public ObjectChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    fields = List.copyOf(fields);
  }

  /** {@code Kind/namespace/name}. */
  public String describe() {
    return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}
