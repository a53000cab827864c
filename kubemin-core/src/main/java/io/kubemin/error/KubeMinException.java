package io.kubemin.error;

/**
 * Root of every exception KubeMin throws. Unchecked: callers catch the subclass they can act on.
 *
 * <p>Each exception carries the HTTP status and the upstream business code (inventory §1.4) a REST
 * layer answers with; failures without a more specific mapping are {@value #INTERNAL_ERROR}/{@value
 * #INTERNAL_ERROR}.
 */
public class KubeMinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** HTTP status and business code of a failure with no more specific mapping. */
  public static final int INTERNAL_ERROR = 500;

  private final int httpStatus;
  private final int businessCode;

  /**
   * @param message what went wrong, for a human
   */
  public KubeMinException(String message) {
    this(message, null, INTERNAL_ERROR, INTERNAL_ERROR);
  }

  /**
   * @param message what went wrong, for a human
   * @param cause the underlying failure
   */
  public KubeMinException(String message, Throwable cause) {
    this(message, cause, INTERNAL_ERROR, INTERNAL_ERROR);
  }

  /**
   * @param message what went wrong, for a human
   * @param cause the underlying failure, or null
   * @param httpStatus the HTTP status a REST layer answers with
   * @param businessCode the upstream business code
   */
  protected KubeMinException(String message, Throwable cause, int httpStatus, int businessCode) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.businessCode = businessCode;
  }

  /** The HTTP status a REST layer answers with (500 unless a subclass says otherwise). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The upstream business code (inventory §1.4; 500 unless a subclass says otherwise). */
  public int businessCode() {
    return businessCode;
  }
}
