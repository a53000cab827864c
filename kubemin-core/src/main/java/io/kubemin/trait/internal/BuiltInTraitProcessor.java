package io.kubemin.trait.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Traits;
import io.kubemin.trait.TraitContext;
import io.kubemin.trait.TraitProcessor;
import java.util.List;

/**
 * A built-in trait: works on the typed model value rather than JSON, so the pipeline skips the
 * conversion; {@link #apply(TraitContext, JsonNode)} converts for callers that hold JSON.
 *
 * @param <T> the model type of the trait's value
 */
public abstract class BuiltInTraitProcessor<T> implements TraitProcessor {
  private final String name;

  /**
   * @param name the JSON key under {@code traits}
   */
  protected BuiltInTraitProcessor(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The trait's value in {@code traits}, or null when absent or empty. */
  protected abstract T select(Traits traits);

  /** Applies a present, typed value. */
  protected abstract void applySpec(TraitContext context, T spec);

  /** Applies the trait if {@code traits} has it. */
  public final void applyFrom(TraitContext context, Traits traits) {
    T spec = select(traits);
    if (spec != null) {
      applySpec(context, spec);
    }
  }

  @Override
  public final void apply(TraitContext context, JsonNode spec) {
    Traits traits = ModelCodec.json().read("{\"" + name + "\":" + spec + "}", Traits.class).value();
    applyFrom(context, traits);
  }

  /** The list, or null when it is empty (absent lists are empty in the model). */
  protected static <E> List<E> nonEmpty(List<E> list) {
    return list.isEmpty() ? null : list;
  }
}
