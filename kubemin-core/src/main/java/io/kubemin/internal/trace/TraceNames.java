package io.kubemin.internal.trace;

/**
 * Span names and attribute keys: OpenTelemetry semantic conventions where one exists, {@code
 * kubemin.*} for the rest. Listed in docs/observability.md.
 */
public final class TraceNames {
  /** Span of {@code KubeMin.exec}. */
  public static final String EXEC = "kubemin.exec";

  /** Span of one task run on a worker. */
  public static final String TASK = "kubemin.task";

  /** Span of one step of a task. */
  public static final String STEP = "kubemin.step";

  /** Span of one job run. */
  public static final String JOB = "kubemin.job";

  /** Span of one group-commit batch of store writes. */
  public static final String STORE_BATCH = "kubemin.store.batch";

  public static final String APP_ID = "kubemin.app.id";
  public static final String TASK_ID = "kubemin.task.id";
  public static final String TASK_ATTEMPT = "kubemin.task.attempt";
  public static final String WORKFLOW_ID = "kubemin.workflow.id";
  public static final String STEP_NAME = "kubemin.step.name";
  public static final String OUTCOME = "kubemin.outcome";
  public static final String INSTANCE = "kubemin.instance.id";
  public static final String JOB_KIND = "kubemin.job.kind";
  public static final String JOB_NAME = "kubemin.job.name";
  public static final String COMPONENT = "kubemin.component.name";
  public static final String K8S_NAMESPACE = "k8s.namespace.name";
  public static final String BATCH_SIZE = "kubemin.store.batch.size";

  public static final String MESSAGING_SYSTEM = "messaging.system";
  public static final String MESSAGING_DESTINATION = "messaging.destination.name";
  public static final String MESSAGING_OPERATION_TYPE = "messaging.operation.type";
  public static final String MESSAGING_OPERATION_NAME = "messaging.operation.name";
  public static final String MESSAGING_CONSUMER_GROUP = "messaging.consumer.group.name";
  public static final String MESSAGING_MESSAGE_ID = "messaging.message.id";
  public static final String MESSAGING_BATCH_COUNT = "messaging.batch.message_count";
  public static final String DB_SYSTEM = "db.system.name";
  public static final String DB_OPERATION = "db.operation.name";

  /** Link reason on the task span of a resumed attempt. */
  public static final String LINK_REASON = "kubemin.link.reason";

  private TraceNames() {}
}
