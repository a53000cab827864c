package io.kubemin.store.mysql.internal;

import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JSON documents stored in text columns, in the model's own format. Every task a worker starts
 * reads its application's component specs and its workflow's steps, mostly the same documents again
 * and again; parsing them cost more than reading them, so parsed documents are kept by their text
 * (the model is immutable). Documents holding secret data are never kept.
 */
final class Documents {
  /** Documents kept per kind; the cache starts over when full rather than tracking use. */
  private static final int KEPT = 1024;

  private static final Map<String, Component> COMPONENTS = new ConcurrentHashMap<>();
  private static final Map<String, List<Step>> STEPS = new ConcurrentHashMap<>();

  private Documents() {}

  static String write(Object value) {
    return ModelCodec.json().write(value);
  }

  static Component component(String json) {
    Component kept = COMPONENTS.get(json);
    if (kept != null) {
      return kept;
    }
    Component parsed = ModelCodec.json().read(json, Component.class).value();
    if (!parsed.holdsSecrets()) {
      keep(COMPONENTS, json, parsed);
    }
    return parsed;
  }

  static List<Component> components(String json) {
    return List.of(ModelCodec.json().read(json, Component[].class).value());
  }

  static List<Step> steps(String json) {
    return kept(STEPS, json, text -> List.of(ModelCodec.json().read(text, Step[].class).value()));
  }

  private static <T> T kept(Map<String, T> cache, String json, Function<String, T> parse) {
    T value = cache.get(json);
    if (value == null) {
      value = parse.apply(json);
      keep(cache, json, value);
    }
    return value;
  }

  private static <T> void keep(Map<String, T> cache, String json, T value) {
    if (cache.size() >= KEPT) {
      cache.clear();
    }
    cache.put(json, value);
  }
}
