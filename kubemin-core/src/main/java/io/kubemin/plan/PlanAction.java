package io.kubemin.plan;

/** What a deploy would do to one object. */
public enum PlanAction {
  /** The object does not exist and would be created. */
  CREATE("create"),
  /** The object exists and some of its fields would change. */
  UPDATE("update"),
  /** The object exists and already is what would be applied. */
  UNCHANGED("unchanged"),
  /** The object carries the application's labels, is no longer rendered, and would be deleted. */
  DELETE("delete"),
  /**
   * Nothing would be done to it: an object that exists and belongs to someone else (left alone), a
   * claim garbage collection keeps, an object of a kind the cluster does not serve.
   */
  NONE("none"),
  /** The executor could not tell: the cluster could not be read, or it cannot preview objects. */
  UNKNOWN("unknown");

  private final String jsonName;

  PlanAction(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in JSON and text output. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether the deploy would change the cluster. */
  public boolean changes() {
    return this == CREATE || this == UPDATE || this == DELETE;
  }
}
