package io.kubemin.validation;

import io.kubemin.error.ValidationError;

/** Every code a {@link ValidationError} can carry; stable across releases. */
public final class ValidationCodes {
  private ValidationCodes() {}

  // Names

  /** A required field is absent or empty. */
  public static final String MISSING_REQUIRED_FIELD = "MISSING_REQUIRED_FIELD";

  /** A name has fewer than 2 characters. */
  public static final String NAME_TOO_SHORT = "NAME_TOO_SHORT";

  /**
   * A name has more than 63 characters, or another stored text is longer than its bound (see {@link
   * TextLimits}).
   */
  public static final String NAME_TOO_LONG = "NAME_TOO_LONG";

  /** A name (or the namespace) is not a DNS-1123 label. */
  public static final String INVALID_NAME_FORMAT = "INVALID_NAME_FORMAT";

  // Components

  /** Two components have the same name (case-insensitive). */
  public static final String DUPLICATE_COMPONENT = "DUPLICATE_COMPONENT";

  /** A component type is not webservice, store, config or secret. */
  public static final String INVALID_COMPONENT_TYPE = "INVALID_COMPONENT_TYPE";

  /** A property of a component (such as a plugin component type's own property) is invalid. */
  public static final String INVALID_COMPONENT_CONFIG = "INVALID_COMPONENT_CONFIG";

  /** A webservice, store, init or sidecar container has no image. */
  public static final String MISSING_IMAGE = "MISSING_IMAGE";

  /** A port is outside 1..65535, has an unknown protocol or is listed twice. */
  public static final String INVALID_PORT = "INVALID_PORT";

  /** An environment variable name is empty or contains '='. */
  public static final String INVALID_ENV_NAME = "INVALID_ENV_NAME";

  /** An init or sidecar container name is not a DNS-1123 label. */
  public static final String INVALID_CONTAINER_NAME = "INVALID_CONTAINER_NAME";

  /** Two containers of one pod have the same name. */
  public static final String DUPLICATE_CONTAINER_NAME = "DUPLICATE_CONTAINER_NAME";

  // Traits

  /**
   * A trait or step value is malformed: resource quantity, share strategy, ingress path type or
   * backend, rbac non-resource URLs, retry limit.
   */
  public static final String INVALID_TRAIT_CONFIG = "INVALID_TRAIT_CONFIG";

  /** A storage type is not persistent, ephemeral, config or secret. */
  public static final String INVALID_STORAGE_TYPE = "INVALID_STORAGE_TYPE";

  /** A storage size is not a Kubernetes quantity. */
  public static final String INVALID_STORAGE_SIZE = "INVALID_STORAGE_SIZE";

  /** A probe type is not liveness, readiness or startup. */
  public static final String INVALID_PROBE_TYPE = "INVALID_PROBE_TYPE";

  /** A probe has no handler, more than one, or a negative timing. */
  public static final String INVALID_PROBE_CONFIG = "INVALID_PROBE_CONFIG";

  /** Two probes of one container have the same type. */
  public static final String DUPLICATE_PROBE_TYPE = "DUPLICATE_PROBE_TYPE";

  /** An init or sidecar trait is nested inside an init or sidecar. */
  public static final String NESTED_TRAIT_FORBIDDEN = "NESTED_TRAIT_FORBIDDEN";

  /** An rbac entry has no rules. */
  public static final String MISSING_RBAC_RULES = "MISSING_RBAC_RULES";

  /** An rbac rule has no verbs. */
  public static final String MISSING_RBAC_VERBS = "MISSING_RBAC_VERBS";

  /** An ingress has no routes. */
  public static final String MISSING_INGRESS_ROUTES = "MISSING_INGRESS_ROUTES";

  /** An ingress route has no backend service name. */
  public static final String MISSING_SERVICE_NAME = "MISSING_SERVICE_NAME";

  /** An env_from type is not config, configMap or secret. */
  public static final String INVALID_ENVFROM_TYPE = "INVALID_ENVFROM_TYPE";

  /** An envs entry does not have exactly one value source. */
  public static final String INVALID_ENV_VALUE_SOURCE = "INVALID_ENV_VALUE_SOURCE";

  // Workflow

  /** A step names a component the application does not have. */
  public static final String COMPONENT_NOT_FOUND = "COMPONENT_NOT_FOUND";

  /** A step mode is not StepByStep or DAG (case-sensitive). */
  public static final String INVALID_WORKFLOW_MODE = "INVALID_WORKFLOW_MODE";

  /** Two steps have the same name (case-insensitive). */
  public static final String DUPLICATE_WORKFLOW_STEP = "DUPLICATE_WORKFLOW_STEP";

  /** A step has neither components nor sub-steps. */
  public static final String WORKFLOW_STEP_NO_COMPONENT = "WORKFLOW_STEP_NO_COMPONENT";

  /** A sub-step has its own sub-steps or depends_on. */
  public static final String INVALID_SUB_STEP = "INVALID_SUB_STEP";

  /** A step type is not deploy or suspend. */
  public static final String INVALID_STEP_TYPE = "INVALID_STEP_TYPE";

  /**
   * A suspend step names components, has sub-steps, retries or a mode, or is a sub-step; or a
   * deploy step has a message.
   */
  public static final String INVALID_SUSPEND_STEP = "INVALID_SUSPEND_STEP";

  /** depends_on names a step the workflow does not have. */
  public static final String STEP_NOT_FOUND = "STEP_NOT_FOUND";

  /** depends_on makes steps wait for each other in a cycle. */
  public static final String DEPENDENCY_CYCLE = "DEPENDENCY_CYCLE";

  /** A step timeout or retry backoff is not a duration such as 90s or 1h30m. */
  public static final String INVALID_DURATION = "INVALID_DURATION";

  // Warnings

  /** Warning: the reader ignored a field it does not know. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  /** A trait key no built-in trait or plugin's trait processor handles. */
  public static final String UNKNOWN_TRAIT = "UNKNOWN_TRAIT";
}
