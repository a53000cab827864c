package io.kubemin.validation;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.model.Properties;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Rules for {@code component[]}. */
final class ComponentRules {
  private final Findings findings;
  private final TraitRules traits;
  private final PluginRules plugins;

  ComponentRules(Findings findings, TraitRules traits, PluginRules plugins) {
    this.findings = findings;
    this.traits = traits;
    this.plugins = plugins;
  }

  void check(List<Component> components) {
    Set<String> seenNames = new HashSet<>();
    TraitRules.each(
        components,
        "component",
        (component, field) -> {
          NameRules.checkName(component.name(), field + ".name", findings);
          String name = component.name();
          if (name != null && !name.isEmpty() && !seenNames.add(name.toLowerCase(Locale.ROOT))) {
            findings.error(
                field + ".name",
                ValidationCodes.DUPLICATE_COMPONENT,
                "duplicate component name: "
                    + Findings.quote(name)
                    + " (names are case-insensitive)");
          }
          checkTypeAndImage(component, field);
          checkProperties(component.properties(), field + ".properties");
          if (!plugins.isCustomType(component.type())) {
            extraPropertiesAreUnknown(component.properties(), field + ".properties");
          }
          traits.component(component);
          traits.check(component.traits(), field + ".traits", false);
          ContainerRules.checkDistinctNames(component, field, findings);
        });
  }

  private void checkTypeAndImage(Component component, String field) {
    // A template reference takes type and image from the template component.
    boolean templated =
        component.template() != null && !Findings.isBlank(component.template().id());
    Optional<ComponentType> type = component.componentType();
    if (type.isEmpty() && plugins.isCustomType(component.type())) {
      plugins.checkCustomType(component, field, findings);
      return;
    }
    if (type.isEmpty() && !(templated && Findings.isBlank(component.type()))) {
      findings.error(
          field + ".type",
          ValidationCodes.INVALID_COMPONENT_TYPE,
          "component type must be one of "
              + plugins.typeNames()
              + " (got "
              + (component.type() == null ? "none" : Findings.quote(component.type()))
              + ")");
    }
    if (type.isPresent()
        && type.get().runsContainers()
        && !templated
        && Findings.isBlank(component.image())) {
      findings.error(
          field + ".image",
          ValidationCodes.MISSING_IMAGE,
          "image is required for webservice and store components");
    }
  }

  private void extraPropertiesAreUnknown(Properties properties, String field) {
    for (String key : properties.extra().keySet()) {
      findings.warning(ValidationError.unknownField(field + "." + key));
    }
  }

  private void checkProperties(Properties properties, String field) {
    Ports.checkAll(properties.ports(), field + ".ports", findings);
    NameRules.checkEnvNames(properties.env(), field + ".env", findings);
  }
}
