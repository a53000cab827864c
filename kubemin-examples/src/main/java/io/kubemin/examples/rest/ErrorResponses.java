package io.kubemin.examples.rest;

import io.kubemin.error.KubeMinException;
import io.kubemin.error.ValidationError;
import io.kubemin.spi.DataStoreException;
import io.kubemin.validation.ValidationException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into the upstream's error envelope: {@code {"business_code", "message"}} with the
 * exception's HTTP status, the validation errors of a refused body under {@code errors}, and for
 * server errors also {@code http_code}. Server errors never carry a stack trace or a credential.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)\\b(password|passwd|pwd|secret|token)=[^&;,\\s]+");

  private ErrorResponses() {}

  /**
   * The envelope.
   *
   * @param httpCode the HTTP status, on server errors only
   * @param businessCode the upstream business code
   * @param message what went wrong
   * @param errors validation errors of a refused body, else absent
   */
  record Envelope(
      Integer httpCode, int businessCode, String message, List<ValidationError> errors) {}

  /** A body of a 404, 405, 413 or 501 that no exception stands behind. */
  static RestResponse plain(int status, String message) {
    return new RestResponse(status, new Envelope(null, status, message, null));
  }

  /** The answer to a handler's failure. */
  static RestResponse of(Throwable failure, String route) {
    if (failure instanceof BadRequestException e) {
      return refused(e, e.errors());
    }
    if (failure instanceof ValidationException e) {
      return refused(e, e.errors());
    }
    if (failure instanceof DataStoreException || hasSqlCause(failure)) {
      // Store errors name tables, columns, SQLStates and connections: only the log gets them.
      String reference = reference();
      LOG.error("{} failed in the store (reference {})", route, reference, redacted(failure, 0));
      return new RestResponse(
          500,
          new Envelope(
              500,
              500,
              "the store failed (reference " + reference + ", see the server log)",
              null));
    }
    if (failure instanceof KubeMinException e && (e.httpStatus() < 500 || e.httpStatus() == 501)) {
      // 501: this server lacks the capability (a plan without a cluster), nothing to log.
      return new RestResponse(
          e.httpStatus(), new Envelope(null, e.businessCode(), e.getMessage(), null));
    }
    if (failure instanceof KubeMinException e) {
      LOG.error("{} failed", route, redacted(e, 0));
      return new RestResponse(
          e.httpStatus(),
          new Envelope(e.httpStatus(), e.businessCode(), redact(e.getMessage()), null));
    }
    String reference = reference();
    LOG.error("{} failed (reference {})", route, reference, redacted(failure, 0));
    return new RestResponse(
        500,
        new Envelope(
            500, 500, "internal error (reference " + reference + ", see the server log)", null));
  }

  private static String reference() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static boolean hasSqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException) {
        return true;
      }
    }
    return false;
  }

  private static RestResponse refused(KubeMinException e, List<ValidationError> errors) {
    return new RestResponse(
        e.httpStatus(),
        new Envelope(null, e.businessCode(), e.getMessage(), errors.isEmpty() ? null : errors));
  }

  /** A copy of the failure (and its causes) for the log: same stack, messages redacted. */
  private static Throwable redacted(Throwable failure, int depth) {
    Throwable cause = failure.getCause();
    Redacted copy =
        new Redacted(
            failure.getClass().getName() + ": " + redact(failure.getMessage()),
            cause == null || cause == failure || depth >= 8 ? null : redacted(cause, depth + 1));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  /** A failure as logged, its message redacted. */
  private static final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Redacted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The text without credentials of URLs ({@code user:pass@}) or {@code password=} parameters. */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    String withoutUrlCredentials = URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
    return SECRET_PARAMETER.matcher(withoutUrlCredentials).replaceAll("$1=***");
  }
}
