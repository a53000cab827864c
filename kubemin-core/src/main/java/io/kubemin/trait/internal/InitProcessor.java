package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.kubemin.model.InitTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Naming;
import io.kubemin.trait.ContainerRole;
import io.kubemin.trait.TraitContext;
import java.util.List;

/**
 * {@code init}: init containers, run in order before the main one. The default name is {@code
 * <component>-init-<n>}. Nested traits apply to the init container; their volumes and objects
 * belong to the pod and component.
 */
final class InitProcessor extends BuiltInTraitProcessor<List<InitTrait>> {

  InitProcessor() {
    super("init");
  }

  @Override
  protected List<InitTrait> select(Traits traits) {
    return nonEmpty(traits.init());
  }

  @Override
  protected void applySpec(TraitContext context, List<InitTrait> entries) {
    ExtraContainers.requireTopLevel(context, "init");
    for (int i = 0; i < entries.size(); i++) {
      InitTrait entry = entries.get(i);
      String path = "init[" + i + "]";
      String image = entry.effectiveImage();
      if (image == null || image.isBlank()) {
        throw context.error(path + ".properties.image", "is required");
      }
      String name =
          ExtraContainers.name(
              entry.name(), Naming.initContainer(context.component().name(), i + 1));
      ExtraContainers.requireUniqueName(context, path + ".name", name);
      Container container =
          ExtraContainers.container(
              name, image, entry.effectiveCommand(), entry.effectiveArgs(), entry.effectiveEnv());
      context.podTemplate().getSpec().getInitContainers().add(container);
      ExtraContainers.applyNested(context, entry.traits(), container, ContainerRole.INIT, path);
    }
  }
}
