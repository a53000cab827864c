package io.kubemin.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.trait.TraitProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The rules plugins bring: which custom trait keys and component types exist, and their own checks.
 * A trait key that no processor handles is an error.
 */
final class PluginRules {
  private static final List<String> BUILT_IN_TYPES =
      List.of("webservice", "store", "config", "secret");

  private final Set<String> traitNames;
  private final Map<String, TraitProcessor> processors;
  private final Map<String, ComponentTypeRenderer> types;

  PluginRules(
      Set<String> traitNames,
      Map<String, TraitProcessor> processors,
      Map<String, ComponentTypeRenderer> types) {
    this.traitNames = Set.copyOf(traitNames);
    this.processors = Map.copyOf(processors);
    this.types = Map.copyOf(types);
  }

  /** Names only: the keys are known, no plugin checks run. */
  static PluginRules names(Set<String> traitNames) {
    return new PluginRules(traitNames, Map.of(), Map.of());
  }

  PluginRules withTraitNames(Set<String> names) {
    return new PluginRules(names, processors, types);
  }

  /** Every custom key under a {@code traits} object: known, and valid by its processor. */
  void checkCustomTraits(
      Component component, Map<String, JsonNode> custom, String prefix, Findings findings) {
    for (Map.Entry<String, JsonNode> entry : custom.entrySet()) {
      String key = entry.getKey();
      String field = prefix + "." + key;
      TraitProcessor processor = processors.get(key);
      if (processor == null && !traitNames.contains(key)) {
        findings.error(
            field,
            ValidationCodes.UNKNOWN_TRAIT,
            "no built-in or plugin trait is named " + Findings.quote(key) + knownTraits());
      } else if (processor != null && component != null && entry.getValue() != null) {
        add(
            () -> processor.validate(component, entry.getValue(), field),
            field,
            ValidationCodes.INVALID_TRAIT_CONFIG,
            findings);
      }
    }
  }

  /** Whether the type is a plugin's. */
  boolean isCustomType(String type) {
    return type != null && types.containsKey(type);
  }

  /** The plugin type's own checks. */
  void checkCustomType(Component component, String field, Findings findings) {
    add(
        () -> types.get(component.type()).validate(component, field),
        field + ".type",
        ValidationCodes.INVALID_COMPONENT_CONFIG,
        findings);
  }

  /** {@code webservice, store, config, secret} and the plugins' types. */
  String typeNames() {
    List<String> names = new ArrayList<>(BUILT_IN_TYPES);
    names.addAll(new TreeSet<>(types.keySet()));
    return String.join(", ", names);
  }

  private String knownTraits() {
    Set<String> names = new TreeSet<>(traitNames);
    names.addAll(processors.keySet());
    return names.isEmpty() ? "" : " (plugin traits: " + String.join(", ", names) + ")";
  }

  /** Adds a plugin's findings; a plugin whose check throws is reported, not propagated. */
  private static void add(
      Supplier<List<ValidationError>> check, String field, String code, Findings findings) {
    List<ValidationError> errors;
    try {
      errors = check.get();
    } catch (RuntimeException e) {
      findings.error(field, code, "the plugin's check failed: " + e);
      return;
    }
    if (errors == null) {
      return;
    }
    for (ValidationError error : errors) {
      findings.error(error.field(), error.code(), error.message());
    }
  }
}
