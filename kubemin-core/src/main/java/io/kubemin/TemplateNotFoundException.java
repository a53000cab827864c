package io.kubemin;

/**
 * No application has the id a component's {@code template.id} names (HTTP 404, business code
 * {@value #CODE}, the upstream's {@code ErrApplicationNotExist}).
 */
public final class TemplateNotFoundException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Upstream business code {@code ErrApplicationNotExist}. */
  public static final int CODE = 10005;

  /**
   * @param templateId the id asked for
   */
  public TemplateNotFoundException(String templateId) {
    super("template application '" + templateId + "' does not exist", templateId, 404, CODE);
  }
}
