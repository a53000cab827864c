package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.kubemin.model.SidecarTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.List;

/**
 * {@code sidecar}: containers next to the main one. The default name is {@code
 * <component>-sidecar-<n>}. Nested traits (probes and resources included) apply to the sidecar;
 * their volumes and objects belong to the pod and component.
 */
final class SidecarProcessor extends BuiltInTraitProcessor<List<SidecarTrait>> {

  SidecarProcessor() {
    super("sidecar");
  }

  @Override
  protected List<SidecarTrait> select(Traits traits) {
    return nonEmpty(traits.sidecar());
  }

  @Override
  protected void applySpec(TraitContext context, List<SidecarTrait> entries) {
    ExtraContainers.requireTopLevel(context, "sidecar");
    for (int i = 0; i < entries.size(); i++) {
      SidecarTrait entry = entries.get(i);
      String path = "sidecar[" + i + "]";
      if (entry.image() == null || entry.image().isBlank()) {
        throw context.error(path + ".image", "is required");
      }
      String name =
          ExtraContainers.name(
              entry.name(), Naming.sidecarContainer(context.component().name(), i + 1));
      ExtraContainers.requireUniqueName(context, path + ".name", name);
      Container container =
          ExtraContainers.container(
              name, entry.image(), entry.command(), entry.args(), entry.env());
      context.podTemplate().getSpec().getContainers().add(container);
      ExtraContainers.applyNested(context, entry.traits(), container, ContainerRole.SIDECAR, path);
    }
  }
}
