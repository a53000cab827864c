package io.kubemin.plan;

/** How the changes of an object were found. */
public enum PlanMethod {
  /** The API server's answer to a server-side apply with {@code dryRun=All}, compared. */
  SERVER_DRY_RUN("server-dry-run"),
  /** The rendered object compared with the deployed one, where the server has no dry run. */
  CLIENT_COMPARISON("client-comparison"),
  /** No comparison was needed (a create, a delete) or possible. */
  NONE("none");

  private final String jsonName;

  PlanMethod(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in JSON and text output. */
  public String jsonName() {
    return jsonName;
  }
}
