package io.kubemin.internal.plan;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.spi.JobKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stand-in until {@code io.kubemin.render.Renderer} lands on main: the bare objects of each
 * component (no traits), enough to plan and run tasks.
 */
public final class StandInRenderer implements ApplicationRenderer {

  @Override
  public List<ObjectToApply> render(
      Application app, String appId, Map<String, String> componentIds) {
    List<ObjectToApply> objects = new ArrayList<>();
    for (Component component : app.components()) {
      String name = component.name();
      ObjectMeta meta = meta(app, name, name);
      switch (String.valueOf(component.type())) {
        case "config" -> add(objects, name, new ConfigMapBuilder().withMetadata(meta).build());
        case "secret" -> add(objects, name, new SecretBuilder().withMetadata(meta).build());
        case "webservice" ->
            add(
                objects,
                name,
                new DeploymentBuilder()
                    .withMetadata(meta(app, name, "deploy-" + name + "-" + appId))
                    .build());
        case "store" ->
            add(
                objects,
                name,
                new StatefulSetBuilder()
                    .withMetadata(meta(app, name, "store-" + name + "-" + appId))
                    .build());
        default -> {}
      }
      if (!component.properties().ports().isEmpty()) {
        add(
            objects,
            name,
            new ServiceBuilder()
                .withMetadata(meta(app, name, "svc-" + name + "-" + appId))
                .build());
      }
    }
    return objects;
  }

  private static ObjectMeta meta(Application app, String component, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(app.namespace())
        .addToLabels("kube-min-cli-componentName", component)
        .build();
  }

  private static void add(List<ObjectToApply> objects, String component, HasMetadata object) {
    JobKind kind = JobKind.ofKubernetesKind(object.getKind()).orElseThrow();
    objects.add(new ObjectToApply(component, kind, object));
  }
}
