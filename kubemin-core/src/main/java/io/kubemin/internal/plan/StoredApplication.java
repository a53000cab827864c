package io.kubemin.internal.plan;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application as the store holds it: its record and components.
 *
 * @param record the application row
 * @param components its components, by ordinal
 */
public record StoredApplication(ApplicationRecord record, List<ComponentRecord> components) {
  public StoredApplication {
    components = List.copyOf(components);
  }

  /** The application model with these steps as its workflow. */
  public Application toModel(List<Step> steps) {
    return Application.builder()
        .id(record.id())
        .name(record.name())
        .namespace(record.namespace())
        .version(record.version())
        .alias(record.alias())
        .project(record.project())
        .description(record.description())
        .icon(record.icon())
        .tmpEnable(record.tmpEnable())
        .rollbackOnFailure(record.rollbackOnFailure())
        .components(specs())
        .workflow(steps)
        .build();
  }

  private List<Component> specs() {
    List<Component> specs = new ArrayList<>(components.size());
    for (ComponentRecord component : components) {
      specs.add(component.spec());
    }
    return specs;
  }

  /** Stored component ids by component name. */
  public Map<String, String> componentIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (ComponentRecord component : components) {
      ids.put(component.name(), component.id());
    }
    return ids;
  }
}
