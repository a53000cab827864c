package io.kubemin;

/** The template application has no components to clone (HTTP 400, business code {@value #CODE}). */
public final class TemplateWithoutComponentsException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrTemplateComponentMissing}. */
  public static final int CODE = 10008;

  /**
   * @param templateId the template application
   */
  public TemplateWithoutComponentsException(String templateId) {
    super("template application '" + templateId + "' has no components", templateId, 400, CODE);
  }
}
