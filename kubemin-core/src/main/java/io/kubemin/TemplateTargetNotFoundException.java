package io.kubemin;

/**
 * A component referring to a template matches none of its components: its {@code template.target}
 * names no component of the template, names one of another type, names one another component
 * already targets, or (without a target) no component of its type is left (HTTP 400, business code
 * {@value #CODE}).
 */
public final class TemplateTargetNotFoundException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrTemplateTargetNotFound}. */
  public static final int CODE = 10010;

  private final String componentName;
  private final String target;

  /**
   * @param templateId the template application
   * @param componentName the requesting component's name (may be blank)
   * @param target its {@code template.target}, or null when it gave none
   * @param problem why it matches nothing
   */
  public TemplateTargetNotFoundException(
      String templateId, String componentName, String target, String problem) {
    super(
        "component '"
            + componentName
            + "' cannot be cloned from template '"
            + templateId
            + "': "
            + problem,
        templateId,
        400,
        CODE);
    this.componentName = componentName;
    this.target = target;
  }

  /** The requesting component's name. */
  public String componentName() {
    return componentName;
  }

  /** Its {@code template.target}, or null when it gave none. */
  public String target() {
    return target;
  }
}
