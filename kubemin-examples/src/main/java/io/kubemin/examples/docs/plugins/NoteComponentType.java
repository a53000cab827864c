package io.kubemin.examples.docs.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Component;
import io.kubemin.render.ComponentRenderContext;
import io.kubemin.render.ComponentTypeRenderer;
import io.kubemin.validation.ValidationCodes;
import java.util.List;

/** Component type {@code note}: a ConfigMap {@code note-<component>} holding {@code text}. */
public final class NoteComponentType implements ComponentTypeRenderer {

  @Override
  public String type() {
    return "note";
  }

  @Override
  public List<ValidationError> validate(Component component, String path) {
    JsonNode text = component.properties().extra().get("text");
    if (text != null && text.isTextual()) {
      return List.of();
    }
    return List.of(
        new ValidationError(
            path + ".properties.text",
            ValidationCodes.INVALID_COMPONENT_CONFIG,
            "text is required: the note's text"));
  }

  @Override
  public void render(ComponentRenderContext context) {
    context.addObject(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("note-" + context.component().name())
            .withLabels(context.labels())
            .endMetadata()
            .addToData("text", context.component().properties().extra().get("text").asText())
            .build());
  }
}
