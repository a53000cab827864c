package io.kubemin.trait.internal;

import io.kubemin.error.RenderException;
import io.kubemin.model.Traits;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs traits in the fixed order: the built-in processors, then custom ones in registration order.
 * Every failure becomes a {@link RenderException} naming the component and the trait.
 */
public final class TraitPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(TraitPipeline.class);

  private final List<BuiltInTraitProcessor<?>> builtIns;
  private final Map<String, TraitProcessor> custom;

  /**
   * @param custom custom processors by trait name, in registration order
   */
  public TraitPipeline(Map<String, TraitProcessor> custom) {
    this.builtIns = BuiltInTraits.all();
    this.custom = new LinkedHashMap<>(custom);
  }

  /** Applies {@code traits} in the context's container. */
  public void apply(TraitContext context, Traits traits) {
    if (traits.isEmpty()) {
      return;
    }
    for (BuiltInTraitProcessor<?> processor : builtIns) {
      guarded(context, processor.name(), () -> processor.applyFrom(context, traits));
    }
    if (traits.custom().isEmpty()) {
      return;
    }
    for (Map.Entry<String, TraitProcessor> entry : custom.entrySet()) {
      var spec = traits.custom().get(entry.getKey());
      if (spec != null) {
        guarded(context, entry.getKey(), () -> entry.getValue().apply(context, spec));
      }
    }
    for (String key : traits.custom().keySet()) {
      if (!custom.containsKey(key)) {
        LOG.debug(
            "component '{}': no processor for trait '{}.{}', ignored",
            context.component().name(),
            context.path(),
            key);
      }
    }
  }

  private static void guarded(TraitContext context, String trait, Runnable action) {
    try {
      action.run();
    } catch (RenderException e) {
      throw e;
    } catch (RuntimeException e) {
      String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new RenderException(
          context.component().name(), context.path() + "." + trait, problem, e);
    }
  }
}
