package io.kubemin.render.internal;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ShareTrait;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code share} trait's labels (inventory §4.5): share name and strategy on every object of the
 * component. What the strategies do is the engine's business.
 */
final class ShareLabels {
  private static final Logger LOG = LoggerFactory.getLogger(ShareLabels.class);
  private static final Set<String> STRATEGIES = Set.of("default", "ignore", "force");

  private ShareLabels() {}

  /** The labels, or none when the component has no share trait. */
  static Map<String, String> of(Application application, Component component) {
    ShareTrait share = component.traits().share();
    if (share == null) {
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.SHARE_NAME, shareName(application, component));
    labels.put(Labels.SHARE_STRATEGY, strategy(component, share));
    return labels;
  }

  private static String shareName(Application application, Component component) {
    String fromNamespace = Naming.fit(Naming.dnsLabel(application.namespace(), ""));
    if (!fromNamespace.isEmpty()) {
      return fromNamespace;
    }
    return Naming.fit(Naming.dnsLabel(component.name() + "-" + component.type(), "shared"));
  }

  private static String strategy(Component component, ShareTrait share) {
    String strategy =
        share.strategy() == null || share.strategy().isBlank()
            ? "default"
            : share.strategy().toLowerCase(Locale.ROOT);
    if (!STRATEGIES.contains(strategy)) {
      LOG.warn(
          "component '{}': share strategy '{}' unknown, using default",
          component.name(),
          share.strategy());
      return "default";
    }
    return strategy;
  }
}
