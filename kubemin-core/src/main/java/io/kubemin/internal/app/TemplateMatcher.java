package io.kubemin.internal.app;

import io.kubemin.TemplateTargetNotFoundException;
import io.kubemin.model.Component;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decides which request entry customises which component of one template (inventory §5.12 step 4,
 * made deterministic): entries with a {@code target} take the template component it names (its
 * name, or {@code tem-<name>}); then entries with a {@code type}, then the rest, each take the
 * first free template component (in template order) of its type. An entry that matches nothing is
 * an error rather than being dropped.
 */
final class TemplateMatcher {
  private static final String TEMPLATE_PREFIX = "tem-";

  private TemplateMatcher() {}

  /**
   * A request component that refers to the template.
   *
   * @param requestIndex its index in the request
   * @param component the component as requested
   */
  record Entry(int requestIndex, Component component) {
    String target() {
      String target = component.template().target();
      return target == null || target.isBlank() ? null : target.trim();
    }

    String type() {
      return component.type() == null || component.type().isBlank() ? null : component.type();
    }
  }

  /**
   * The entry of each template component, in template order (null where no entry matched).
   *
   * @throws TemplateTargetNotFoundException when an entry matches no template component
   */
  static List<Entry> match(String templateId, List<Component> template, List<Entry> entries) {
    Entry[] matched = new Entry[template.size()];
    for (Entry entry : entries) {
      if (entry.target() != null) {
        assignTarget(templateId, template, matched, entry);
      }
    }
    for (boolean typed : new boolean[] {true, false}) {
      for (Entry entry : entries) {
        if (entry.target() == null && (entry.type() != null) == typed) {
          assignByType(templateId, template, matched, entry);
        }
      }
    }
    return new ArrayList<>(Arrays.asList(matched));
  }

  private static void assignTarget(
      String templateId, List<Component> template, Entry[] matched, Entry entry) {
    for (int i = 0; i < template.size(); i++) {
      Component candidate = template.get(i);
      if (!targets(entry.target(), candidate.name())) {
        continue;
      }
      if (!fits(entry, candidate)) {
        throw notFound(
            templateId,
            entry,
            "its target '"
                + entry.target()
                + "' is a "
                + candidate.type()
                + " component, not a "
                + entry.type());
      }
      if (matched[i] != null) {
        throw notFound(
            templateId,
            entry,
            "template component '"
                + candidate.name()
                + "' is already the target of component '"
                + matched[i].component().name()
                + "'");
      }
      matched[i] = entry;
      return;
    }
    throw notFound(templateId, entry, "the template has no component '" + entry.target() + "'");
  }

  private static void assignByType(
      String templateId, List<Component> template, Entry[] matched, Entry entry) {
    for (int i = 0; i < template.size(); i++) {
      if (matched[i] == null && fits(entry, template.get(i))) {
        matched[i] = entry;
        return;
      }
    }
    throw notFound(
        templateId,
        entry,
        entry.type() == null
            ? "every component of the template is already matched"
            : "no unmatched " + entry.type() + " component is left in the template");
  }

  private static boolean targets(String target, String templateName) {
    return target.equals(templateName)
        || target.equals(TEMPLATE_PREFIX + templateName)
        || (TEMPLATE_PREFIX + target).equals(templateName);
  }

  private static boolean fits(Entry entry, Component candidate) {
    return entry.type() == null || Objects.equals(entry.type(), candidate.type());
  }

  private static TemplateTargetNotFoundException notFound(
      String templateId, Entry entry, String problem) {
    return new TemplateTargetNotFoundException(
        templateId, entry.component().name(), entry.target(), problem);
  }
}
