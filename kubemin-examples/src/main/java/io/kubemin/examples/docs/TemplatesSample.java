package io.kubemin.examples.docs;

import io.kubemin.ApplicationInfo;
import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import java.util.List;
import java.util.function.Function;

/** docs/templates.md: store a template, then create an application cloned from it. */
public final class TemplatesSample {
  private TemplatesSample() {}

  /**
   * Stores {@code template} ({@code tmp_enable: true}), then creates the tenant application that
   * {@code tenantFor} builds around the template's id (its components name it with {@code template:
   * {id, target}}).
   */
  public static ApplicationInfo createTenant(
      KubeMin kubemin, Application template, Function<String, Application> tenantFor) {
    String templateId = kubemin.createApplication(template).id();
    return kubemin.createApplication(tenantFor.apply(templateId)); // clones the template
  }

  /** The stored templates, as {@code GET /applications/templates} lists them. */
  public static List<ApplicationInfo> templates(KubeMin kubemin) {
    return kubemin.listTemplates();
  }
}
