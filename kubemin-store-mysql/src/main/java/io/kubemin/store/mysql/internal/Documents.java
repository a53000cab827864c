package io.kubemin.store.mysql.internal;

import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Step;
import java.util.List;

/** The JSON documents stored in text columns, in the model's own format. */
final class Documents {
  private Documents() {}

  static String write(Object value) {
    return ModelCodec.json().write(value);
  }

  static Component component(String json) {
    return ModelCodec.json().read(json, Component.class).value();
  }

  static List<Component> components(String json) {
    return List.of(ModelCodec.json().read(json, Component[].class).value());
  }

  static List<Step> steps(String json) {
    return List.of(ModelCodec.json().read(json, Step[].class).value());
  }
}
