package io.kubemin.validation;

import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import java.util.List;

/**
 * Upper bounds of the free texts KubeMin stores, so that every store (the MySQL columns are the
 * narrowest) takes every value validation lets through. A text over its bound is {@link
 * ValidationCodes#NAME_TOO_LONG}, the code names already use.
 */
public final class TextLimits {
  /**
   * Short texts: application version, alias and project, workflow name and alias, the user who
   * cancels a task (the store's {@code VARCHAR(255)} columns).
   */
  public static final int SHORT_TEXT = 255;

  /**
   * Long texts: application description and icon, the reason of a cancel (16,383 characters: the
   * store's {@code TEXT} columns hold 65,535 bytes, four per character at most).
   */
  public static final int LONG_TEXT = 16_383;

  private TextLimits() {}

  /**
   * The error for a text over its bound, or none.
   *
   * @param field JSON path of the value
   * @param value the text (null passes)
   * @param max the bound, {@link #SHORT_TEXT} or {@link #LONG_TEXT}
   */
  public static List<ValidationError> check(String field, String value, int max) {
    Findings findings = new Findings();
    check(field, value, max, findings);
    return findings.result().errors();
  }

  /**
   * Checks texts and throws when one is too long.
   *
   * @param fieldsAndValues field, value, field, value, ...
   * @param max the bound of all of them
   * @throws ValidationException carrying one error per text over the bound
   */
  public static void require(int max, String... fieldsAndValues) {
    Findings findings = new Findings();
    for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
      check(fieldsAndValues[i], fieldsAndValues[i + 1], max, findings);
    }
    ValidationResult result = findings.result();
    if (!result.valid()) {
      throw new ValidationException(result.errors());
    }
  }

  /** The application-level texts: version, alias, project, description, icon. */
  static void checkApplication(Application app, Findings findings) {
    check("version", app.version(), SHORT_TEXT, findings);
    check("alias", app.alias(), SHORT_TEXT, findings);
    check("project", app.project(), SHORT_TEXT, findings);
    check("description", app.description(), LONG_TEXT, findings);
    check("icon", app.icon(), LONG_TEXT, findings);
  }

  static void check(String field, String value, int max, Findings findings) {
    if (value != null && value.length() > max) {
      findings.error(
          field,
          ValidationCodes.NAME_TOO_LONG,
          field + " must have at most " + max + " characters, has " + value.length());
    }
  }
}
