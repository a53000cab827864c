package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.plan.ApplicationPlan;
import io.kubemin.plan.FieldChange;
import io.kubemin.plan.ObjectChange;
import io.kubemin.plan.PlanAction;
import io.kubemin.plan.PlanMethod;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as {@code kubemin plan} and the REST API show it: a line per object, its changed fields
 * indented below, and a summary; or a JSON document (snake_case keys).
 */
public final class PlanOutput {
  private PlanOutput() {}

  /** Prints the plan as text. */
  static void text(ApplicationPlan plan, Application application, PrintWriter out) {
    out.println(
        plan.appId() == null
            ? "new application " + application.name() + " in namespace " + application.namespace()
            : "application "
                + application.name()
                + " ("
                + plan.appId()
                + ") in namespace "
                + application.namespace());
    for (ObjectChange change : plan.objects()) {
      StringBuilder line =
          new StringBuilder("  ")
              .append(symbol(change.action()))
              .append(' ')
              .append(String.format("%-10s", change.action().jsonName()))
              .append(change.describe());
      if (change.method() != PlanMethod.NONE && change.action() != PlanAction.UNCHANGED) {
        line.append("  [").append(change.method().jsonName()).append(']');
      }
      if (change.note() != null && change.action() != PlanAction.UNCHANGED) {
        line.append("  (").append(change.note()).append(')');
      }
      out.println(line);
      change.fields().forEach(f -> out.println("        " + f.describe()));
    }
    plan.warnings().forEach(w -> out.println("warning: " + w));
    out.println(summary(plan));
  }

  /** {@code Plan: 1 to create, 2 to update, 3 unchanged, 0 to delete.}, or that nothing changes. */
  static String summary(ApplicationPlan plan) {
    String counts =
        plan.count(PlanAction.CREATE)
            + " to create, "
            + plan.count(PlanAction.UPDATE)
            + " to update, "
            + plan.count(PlanAction.UNCHANGED)
            + " unchanged, "
            + plan.count(PlanAction.DELETE)
            + " to delete";
    return plan.hasChanges()
        ? "Plan: " + counts + "."
        : "No changes: a deploy would change nothing (" + counts + ").";
  }

  /** The plan as a JSON-ready map (documented in docs/cli.md). */
  public static Map<String, Object> json(ApplicationPlan plan) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("app_id", plan.appId());
    document.put("changes", plan.hasChanges());
    Map<String, Long> summary = new LinkedHashMap<>();
    for (PlanAction action : PlanAction.values()) {
      summary.put(action.jsonName(), plan.count(action));
    }
    document.put("summary", summary);
    document.put("objects", plan.objects().stream().map(PlanOutput::object).toList());
    document.put("warnings", plan.warnings());
    return document;
  }

  private static Map<String, Object> object(ObjectChange change) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("action", change.action().jsonName());
    row.put("api_version", change.apiVersion());
    row.put("kind", change.kind());
    row.put("namespace", change.namespace());
    row.put("name", change.name());
    row.put("component", change.component());
    row.put("method", change.method().jsonName());
    row.put("fields", fields(change.fields()));
    row.put("note", change.note());
    return row;
  }

  private static List<Map<String, Object>> fields(List<FieldChange> fields) {
    return fields.stream()
        .map(
            f -> {
              Map<String, Object> field = new LinkedHashMap<>();
              field.put("path", f.path());
              field.put("before", f.before());
              field.put("after", f.after());
              field.put("masked", f.masked());
              return field;
            })
        .toList();
  }

  private static char symbol(PlanAction action) {
    return switch (action) {
      case CREATE -> '+';
      case UPDATE -> '~';
      case DELETE -> '-';
      case UNCHANGED -> '=';
      case NONE -> ' ';
      case UNKNOWN -> '?';
    };
  }
}
