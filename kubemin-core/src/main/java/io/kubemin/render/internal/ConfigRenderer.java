package io.kubemin.render.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubemin.model.Properties;
import io.kubemin.render.Labels;
import io.kubemin.trait.internal.ComponentScope;
import io.kubemin.trait.internal.Metadata;
import java.util.Map;

/**
 * ConfigMap of a {@code config} component and Secret of a {@code secret} component, both named
 * after the component. With {@code conf["config.url"]} the data is fetched when the object is
 * applied: the object carries the URL and key as annotations and no data of its own (a Secret keeps
 * its {@code secret} entries, which are merged with the fetched file).
 */
final class ConfigRenderer {
  static final String URL_KEY = "config.url";
  static final String FILE_KEY = "config.fileName";
  static final String DEFAULT_FILE = "config";

  private ConfigRenderer() {}

  static ConfigMap configMap(ComponentScope scope) {
    Properties properties = scope.component().properties();
    boolean fetched = isUrlMode(properties);
    ConfigMap map = new ConfigMap();
    map.setMetadata(metadata(scope, fetched));
    if (!fetched) {
      map.setData(Metadata.copy(properties.conf()));
    }
    return map;
  }

  static Secret secret(ComponentScope scope) {
    Properties properties = scope.component().properties();
    Secret secret = new Secret();
    secret.setMetadata(metadata(scope, isUrlMode(properties)));
    secret.setType("Opaque");
    secret.setStringData(Metadata.copy(properties.secret()));
    return secret;
  }

  private static boolean isUrlMode(Properties properties) {
    String url = properties.conf().get(URL_KEY);
    return url != null && !url.isBlank();
  }

  private static ObjectMeta metadata(ComponentScope scope, boolean fetched) {
    ObjectMeta meta = Metadata.of(scope.name(), scope.namespace(), scope.labels());
    if (fetched) {
      Map<String, String> conf = scope.component().properties().conf();
      String file = conf.get(FILE_KEY);
      meta.getAnnotations().put(Labels.SOURCE_URL_ANNOTATION, conf.get(URL_KEY));
      meta.getAnnotations()
          .put(Labels.SOURCE_FILE_ANNOTATION, file == null || file.isBlank() ? DEFAULT_FILE : file);
    }
    return meta;
  }
}
