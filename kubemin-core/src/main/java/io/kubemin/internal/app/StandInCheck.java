package io.kubemin.internal.app;

import io.kubemin.KubeMinException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stand-in until {@code io.kubemin.validation.Validator} lands on main: names present and unique,
 * workflow steps naming existing components.
 */
public final class StandInCheck implements ApplicationCheck {

  @Override
  public void check(Application app) {
    List<String> errors = new ArrayList<>();
    if (app.name() == null || app.name().isBlank()) {
      errors.add("name: is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < app.components().size(); i++) {
      Component component = app.components().get(i);
      if (component.name() == null || !names.add(component.name().toLowerCase())) {
        errors.add("component[" + i + "].name: missing or duplicate");
      }
    }
    for (int i = 0; i < app.workflow().size(); i++) {
      Step step = app.workflow().get(i);
      for (String name : step.componentNames()) {
        if (!names.contains(name.toLowerCase())) {
          errors.add("workflow[" + i + "].components: component '" + name + "' not found");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new Invalid(String.join("; ", errors));
    }
  }

  /** The stand-in's validation failure (HTTP 400, business code 10020). */
  static final class Invalid extends KubeMinException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super("invalid application: " + message, null, 400, 10020);
    }
  }
}
