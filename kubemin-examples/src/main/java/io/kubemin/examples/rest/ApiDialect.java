package io.kubemin.examples.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The wire format of the API, chosen when the server starts. Both serve the same routes with the
 * same handlers; only the serialization differs.
 */
public enum ApiDialect {
  /**
   * The upstream system's format (the default): snake_case keys, bare bodies, errors as {@code
   * {"business_code", "message"}}.
   */
  UPSTREAM("upstream"),
  /**
   * The web console's format: every reply is {@code {"code", "message", "data"}} ({@code code} 0 on
   * success), camelCase keys both ways (except {@code workflow_id} and {@code tmp_enable} of
   * applications), error details as strings.
   */
  CONSOLE("console");

  private final String cliName;

  ApiDialect(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line: {@code upstream} or {@code console}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The dialect with this name.
   *
   * @throws IllegalArgumentException naming the dialects when there is none of that name
   */
  public static ApiDialect fromName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(d -> d.cliName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "API dialect '"
                        + name
                        + "' is not one of "
                        + Arrays.stream(values())
                            .map(ApiDialect::cliName)
                            .collect(Collectors.joining(", "))));
  }
}
