package io.kubemin.validation;

import io.kubemin.model.Component;
import io.kubemin.model.ResourcesTrait;
import io.kubemin.model.ShareTrait;
import io.kubemin.model.Traits;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** The rules for a {@code traits} object, applied again (nested) inside init and sidecar. */
final class TraitRules {
  private static final Set<String> SHARE_STRATEGIES = Set.of("default", "ignore", "force");

  private final Findings findings;
  private final PluginRules plugins;
  private Component component;
  private final StorageRules storage;
  private final ProbeRules probes;
  private final EnvRules env;
  private final RbacRules rbac;
  private final IngressRules ingress;
  private final ContainerRules containers;

  /**
   * @param plugins the trait keys that have a processor, and their checks
   * @param components the application's components
   */
  TraitRules(Findings findings, PluginRules plugins, List<Component> components) {
    this.findings = findings;
    this.plugins = plugins;
    this.storage = new StorageRules(findings);
    this.probes = new ProbeRules(findings);
    this.env = new EnvRules(findings);
    this.rbac = new RbacRules(findings);
    this.ingress = new IngressRules(findings, components);
    this.containers = new ContainerRules(findings, this);
  }

  /**
   * Checks every trait.
   *
   * @param prefix path of the traits object, such as {@code component[0].traits}
   * @param nested whether these traits belong to an init or sidecar container
   */
  void check(Traits traits, String prefix, boolean nested) {
    if (traits == null) {
      return;
    }
    plugins.checkCustomTraits(component, traits.custom(), prefix, findings);
    each(traits.storage(), prefix + ".storage", storage::check);
    probes.check(traits.probes(), prefix + ".probes");
    each(
        traits.init(),
        prefix + ".init",
        (init, field) -> containers.checkInit(init, field, nested));
    each(
        traits.sidecar(),
        prefix + ".sidecar",
        (sidecar, field) -> containers.checkSidecar(sidecar, field, nested));
    each(traits.rbac(), prefix + ".rbac", rbac::check);
    each(traits.ingress(), prefix + ".ingress", ingress::check);
    each(traits.envFrom(), prefix + ".env_from", env::checkEnvFrom);
    each(traits.envs(), prefix + ".envs", env::checkEnv);
    checkResources(traits.resources(), prefix + ".resources");
    checkShare(traits.share(), prefix + ".share");
  }

  /** The component whose traits are checked next (for the plugins' own checks). */
  void component(Component component) {
    this.component = component;
  }

  /** Calls {@code check} with each item and its path {@code listField[i]}. */
  static <T> void each(List<T> items, String listField, BiConsumer<T, String> check) {
    for (int i = 0; i < items.size(); i++) {
      check.accept(items.get(i), listField + "[" + i + "]");
    }
  }

  private void checkResources(ResourcesTrait resources, String field) {
    if (resources == null) {
      return;
    }
    checkQuantity(resources.cpu(), field + ".cpu", "cpu");
    checkQuantity(resources.memory(), field + ".memory", "memory");
    String gpu = resources.gpu();
    if (gpu != null && !gpu.isEmpty() && !Quantities.isWholeNumber(gpu)) {
      findings.error(
          field + ".gpu",
          ValidationCodes.INVALID_TRAIT_CONFIG,
          "gpu must be a whole number of GPUs such as 1 (got " + Findings.quote(gpu) + ")");
    }
  }

  private void checkQuantity(String value, String field, String what) {
    if (value != null && !value.isEmpty() && !Quantities.isQuantity(value)) {
      findings.error(
          field,
          ValidationCodes.INVALID_TRAIT_CONFIG,
          what + " must be " + Quantities.RULE + " (got " + Findings.quote(value) + ")");
    }
  }

  private void checkShare(ShareTrait share, String field) {
    if (share == null || Findings.isBlank(share.strategy())) {
      return;
    }
    if (!SHARE_STRATEGIES.contains(share.strategy().toLowerCase(Locale.ROOT))) {
      findings.error(
          field + ".strategy",
          ValidationCodes.INVALID_TRAIT_CONFIG,
          "share strategy must be default, ignore, force or empty (got "
              + Findings.quote(share.strategy())
              + ")");
    }
  }
}
