package io.kubemin;

/**
 * The application a component's {@code template.id} names is not a template: its {@code tmp_enable}
 * is false (HTTP 400, business code {@value #CODE}). Set {@code tmp_enable: true} on it to allow
 * instantiation.
 */
public final class TemplateNotEnabledException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrTemplateNotEnabled}. */
  public static final int CODE = 10007;

  /**
   * @param templateId the application asked for
   */
  public TemplateNotEnabledException(String templateId) {
    super(
        "application '" + templateId + "' is not enabled as a template (tmp_enable is false)",
        templateId,
        400,
        CODE);
  }
}
