package io.kubemin;

import io.kubemin.error.KubeMinException;

/**
 * A component of a create request refers to a template ({@code template: {id, target}}) that cannot
 * be instantiated. Nothing was written. The subclasses say why.
 */
public abstract class TemplateException extends KubeMinException {
  private static final long serialVersionUID = 1L;

  private final String templateId;

  /**
   * @param message what went wrong, for a human
   * @param templateId the template application's id
   * @param httpStatus the HTTP status a REST layer answers with
   * @param businessCode the upstream business code
   */
  protected TemplateException(String message, String templateId, int httpStatus, int businessCode) {
    super(message, null, httpStatus, businessCode);
    this.templateId = templateId;
  }

  /** The template application's id, as the request gave it. */
  public String templateId() {
    return templateId;
  }
}
