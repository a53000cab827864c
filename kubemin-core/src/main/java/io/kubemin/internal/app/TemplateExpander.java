package io.kubemin.internal.app;

import io.kubemin.TemplateNotEnabledException;
import io.kubemin.TemplateNotFoundException;
import io.kubemin.TemplateWithoutComponentsException;
import io.kubemin.internal.app.TemplateExpansion.Origin;
import io.kubemin.internal.app.TemplateMatcher.Entry;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ShareTrait;
import io.kubemin.spi.ComponentRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Template instantiation (inventory §5.12): replaces the components of a create request that refer
 * to a template application ({@code template: {id, target}}) by clones of the template's
 * components. A pure function of the request and the templates it is given.
 *
 * <p>Components written out in the request come first, in their order; then, per template (in the
 * order the request first names it, cloned once however many entries name it), a clone of every
 * template component in the template's order. A clone is named after the entry that matched it
 * ({@link TemplateMatcher}), else {@code <application>-<last dash-separated part of the template
 * component's name>}. When an entry of a template carries a {@code share} trait, the clones keep
 * the template's names and all get that trait.
 */
public final class TemplateExpander {
  private static final String TEMPLATE_PREFIX = "tem-";

  /** Where templates come from. */
  @FunctionalInterface
  public interface Templates {
    /** The stored application with this id, if any. */
    Optional<StoredApplication> find(String appId);
  }

  private TemplateExpander() {}

  /**
   * The request with its template references instantiated.
   *
   * @throws TemplateNotFoundException when a template id names no application
   * @throws TemplateNotEnabledException when it names one whose {@code tmp_enable} is false
   * @throws TemplateWithoutComponentsException when the template has no components
   * @throws io.kubemin.TemplateTargetNotFoundException when an entry matches no template component
   */
  public static TemplateExpansion expand(Application request, Templates templates) {
    Map<String, List<Entry>> byTemplate = new LinkedHashMap<>();
    List<Component> components = new ArrayList<>();
    List<Origin> origins = new ArrayList<>();
    for (int i = 0; i < request.components().size(); i++) {
      Component component = request.components().get(i);
      if (component.template() == null || isBlank(component.template().id())) {
        components.add(component);
        origins.add(new Origin(i, null, null));
      } else {
        byTemplate
            .computeIfAbsent(component.template().id().trim(), id -> new ArrayList<>())
            .add(new Entry(i, component));
      }
    }
    if (byTemplate.isEmpty()) {
      return TemplateExpansion.unchanged(request);
    }
    byTemplate.forEach(
        (templateId, entries) -> {
          StoredApplication template = load(templateId, templates);
          List<Component> sources =
              template.components().stream()
                  .sorted(Comparator.comparingInt(ComponentRecord::ordinal))
                  .map(ComponentRecord::spec)
                  .toList();
          cloneAll(request, template, templateId, sources, entries, components, origins);
        });
    return new TemplateExpansion(request.toBuilder().components(components).build(), origins);
  }

  private static StoredApplication load(String templateId, Templates templates) {
    StoredApplication template =
        templates.find(templateId).orElseThrow(() -> new TemplateNotFoundException(templateId));
    if (!template.record().tmpEnable()) {
      throw new TemplateNotEnabledException(templateId);
    }
    if (template.components().isEmpty()) {
      throw new TemplateWithoutComponentsException(templateId);
    }
    return template;
  }

  private static void cloneAll(
      Application request,
      StoredApplication template,
      String templateId,
      List<Component> sources,
      List<Entry> entries,
      List<Component> components,
      List<Origin> origins) {
    List<Entry> matched = TemplateMatcher.match(templateId, sources, entries);
    ShareTrait share =
        entries.stream()
            .map(e -> e.component().traits().share())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    String appName = isBlank(request.name()) ? template.record().name() : request.name().trim();
    Map<String, String> names = new LinkedHashMap<>();
    List<String> newNames = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String oldName = sources.get(i).name();
      String newName = share != null ? oldName : newName(appName, oldName, matched.get(i));
      newNames.add(newName);
      names.put(oldName, newName);
      // A component really called tem-<x> wins over the alias of x.
      names.putIfAbsent(TEMPLATE_PREFIX + oldName, newName);
    }
    for (int i = 0; i < sources.size(); i++) {
      Entry entry = matched.get(i);
      TemplateCloner cloner =
          new TemplateCloner(
              new CloneNames(
                  sources.get(i).name(),
                  newNames.get(i),
                  appName,
                  request.namespace(),
                  names,
                  share));
      components.add(cloner.clone(sources.get(i), entry == null ? null : entry.component()));
      int requestIndex = (entry == null ? entries.get(0) : entry).requestIndex();
      origins.add(new Origin(requestIndex, templateId, sources.get(i).name()));
    }
  }

  private static String newName(String appName, String templateName, Entry entry) {
    if (entry != null && !isBlank(entry.component().name())) {
      return entry.component().name().trim();
    }
    return appName + "-" + templateName.substring(templateName.lastIndexOf('-') + 1);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
