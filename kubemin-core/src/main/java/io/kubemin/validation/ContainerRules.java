package io.kubemin.validation;

import io.kubemin.model.Component;
import io.kubemin.model.InitTrait;
import io.kubemin.model.SidecarTrait;
import java.util.HashSet;
import java.util.Set;

/** Rules for the extra containers of a pod: {@code init[]} and {@code sidecar[]}. */
final class ContainerRules {
  private final Findings findings;
  private final TraitRules traits;

  ContainerRules(Findings findings, TraitRules traits) {
    this.findings = findings;
    this.traits = traits;
  }

  void checkInit(InitTrait init, String field, boolean nested) {
    if (nested) {
      forbidNesting("init", field);
      return;
    }
    if (Findings.isBlank(init.effectiveImage())) {
      findings.error(
          field + ".properties.image",
          ValidationCodes.MISSING_IMAGE,
          "init container image is required (properties.image or image)");
    }
    NameRules.checkContainerName(init.name(), field + ".name", findings);
    if (init.properties() != null) {
      NameRules.checkEnvNames(init.properties().env(), field + ".properties.env", findings);
    }
    NameRules.checkEnvNames(init.env(), field + ".env", findings);
    traits.check(init.traits(), field + ".traits", true);
  }

  void checkSidecar(SidecarTrait sidecar, String field, boolean nested) {
    if (nested) {
      forbidNesting("sidecar", field);
      return;
    }
    if (Findings.isBlank(sidecar.image())) {
      findings.error(
          field + ".image", ValidationCodes.MISSING_IMAGE, "sidecar container image is required");
    }
    NameRules.checkContainerName(sidecar.name(), field + ".name", findings);
    NameRules.checkEnvNames(sidecar.env(), field + ".env", findings);
    traits.check(sidecar.traits(), field + ".traits", true);
  }

  /** Containers of one pod need distinct names; the main container is named after the component. */
  static void checkDistinctNames(Component component, String field, Findings findings) {
    Set<String> names = new HashSet<>();
    if (component.name() != null) {
      names.add(component.name());
    }
    var pod = component.traits();
    for (int i = 0; i < pod.init().size(); i++) {
      checkDistinct(
          pod.init().get(i).name(), field + ".traits.init[" + i + "].name", names, findings);
    }
    for (int i = 0; i < pod.sidecar().size(); i++) {
      checkDistinct(
          pod.sidecar().get(i).name(), field + ".traits.sidecar[" + i + "].name", names, findings);
    }
  }

  private static void checkDistinct(
      String name, String field, Set<String> names, Findings findings) {
    if (name != null && !name.isEmpty() && !names.add(name)) {
      findings.error(
          field,
          ValidationCodes.DUPLICATE_CONTAINER_NAME,
          "container name "
              + Findings.quote(name)
              + " is already used in this pod (the main container is named after the component)");
    }
  }

  private void forbidNesting(String trait, String field) {
    findings.error(
        field,
        ValidationCodes.NESTED_TRAIT_FORBIDDEN,
        trait + " trait cannot be nested inside another init or sidecar trait");
  }
}
