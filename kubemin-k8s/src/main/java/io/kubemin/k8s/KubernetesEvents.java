package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.k8s.internal.Kinds;
import io.kubemin.spi.JobKind;
import io.kubemin.workflow.JobEvent;
import io.kubemin.workflow.JobStatus;
import io.kubemin.workflow.TaskEvent;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import io.kubemin.workflow.WorkflowListener;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events (core/v1) so that {@code kubectl describe} shows why a deploy went
 * wrong: a Warning on the object of every job that failed or timed out ({@code JobFailed}, {@code
 * JobTimeout}), and, when a task ends, one Event on the component's workload (the last Deployment
 * or StatefulSet the task applied, else the last object it applied): {@code TaskCompleted}
 * (Normal), {@code TaskFailed}, {@code TaskTimeout} or {@code TaskCancelled} (Warning).
 *
 * <p>Register it as a listener on the instances that run workers: {@code builder.listener(events)};
 * close it after the engine. Events are written off the engine's threads, at most {@value
 * #QUEUE_CAPACITY} waiting (more are dropped and counted); a failing write is logged and never
 * affects the task. Messages carry the job's error as stored with the task, never an object's data.
 */
public final class KubernetesEvents implements WorkflowListener, AutoCloseable {
  /** The {@code source.component} and {@code reportingComponent} of the Events. */
  public static final String COMPONENT = "kubemin";

  /** Events waiting to be written, at most. */
  public static final int QUEUE_CAPACITY = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
  private static final int MAX_MESSAGE = 1_024;

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor writer;
  private final Map<String, JobEvent> lastObjectOfTask = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  /** Events through {@code client} (the host's: it is not closed here). */
  public KubernetesEvents(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  /** Events through {@code client}, timestamped by {@code clock}. */
  public KubernetesEvents(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, "kubemin-events");
              thread.setDaemon(true);
              return thread;
            },
            (runnable, pool) -> dropped.incrementAndGet());
  }

  @Override
  public void jobFinished(JobEvent event) {
    remember(event);
    if (event.status() == JobStatus.FAILED || event.status() == JobStatus.TIMEOUT) {
      String reason = event.status() == JobStatus.TIMEOUT ? "JobTimeout" : "JobFailed";
      String message =
          "job "
              + event.jobName()
              + " of task "
              + event.taskId()
              + " (attempt "
              + event.attempt()
              + ") "
              + event.status().jsonName()
              + (event.error() == null ? "" : ": " + event.error());
      submit(event, "Warning", reason, message);
    }
  }

  @Override
  public void jobStarted(JobEvent event) {
    remember(event);
  }

  @Override
  public void taskFinished(TaskEvent event) {
    JobEvent object = lastObjectOfTask.remove(event.taskId());
    if (object == null) {
      return; // ended before any job ran (cancelled while waiting): no object to attach it to
    }
    String reason =
        switch (event.status()) {
          case COMPLETED -> "TaskCompleted";
          case TIMEOUT -> "TaskTimeout";
          case CANCELLED -> "TaskCancelled";
          default -> "TaskFailed";
        };
    String message =
        "task "
            + event.taskId()
            + " (attempt "
            + event.attempt()
            + ") "
            + event.status().jsonName()
            + ", "
            + event.jobsDone()
            + "/"
            + event.jobsPlanned()
            + " jobs"
            + (event.error() == null ? "" : ": " + event.error());
    submit(object, event.status() == TaskStatus.COMPLETED ? "Normal" : "Warning", reason, message);
  }

  /**
   * A Normal {@code TaskSuspended} Event with the gate's step and message on the task's last
   * object; the task leaves this instance (any instance may resume it), so it is forgotten here.
   */
  @Override
  public void taskSuspended(TaskEvent event, TaskSuspension gate) {
    JobEvent object = lastObjectOfTask.remove(event.taskId());
    if (object == null) {
      return; // the gate came before any job: no object to attach it to
    }
    submit(
        object,
        "Normal",
        "TaskSuspended",
        "task "
            + event.taskId()
            + " (attempt "
            + event.attempt()
            + ") waits at suspend step "
            + gate.step()
            + (gate.message() == null ? "" : ": " + gate.message())
            + (gate.deadline() == null ? "" : " (until " + gate.deadline() + ")"));
  }

  /** Events dropped because {@value #QUEUE_CAPACITY} were already waiting. */
  public long dropped() {
    return dropped.get();
  }

  /** Writes the Events still waiting (for up to five seconds), then stops. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void remember(JobEvent event) {
    lastObjectOfTask.merge(
        event.taskId(),
        event,
        (known, next) -> isWorkload(known.kind()) && !isWorkload(next.kind()) ? known : next);
  }

  private static boolean isWorkload(JobKind kind) {
    return JobKind.DEPLOYMENT.equals(kind) || JobKind.STATEFUL_SET.equals(kind);
  }

  private void submit(JobEvent about, String type, String reason, String message) {
    writer.execute(() -> write(about, type, reason, message));
  }

  private void write(JobEvent about, String type, String reason, String message) {
    try {
      HasMetadata object = read(about);
      String now =
          DateTimeFormatter.ISO_INSTANT.format(
              Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      Event event =
          new EventBuilder()
              .withNewMetadata()
              .withName(about.jobName() + "." + Long.toHexString(randomSuffix()))
              .withNamespace(namespaceOf(about))
              .endMetadata()
              .withInvolvedObject(object == null ? referenceByName(about) : reference(object))
              .withType(type)
              .withReason(reason)
              .withMessage(shorten(object == null ? message + " (object removed)" : message))
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withCount(1)
              .withNewSource()
              .withComponent(COMPONENT)
              .endSource()
              .withReportingComponent(COMPONENT)
              .build();
      client.v1().events().inNamespace(namespaceOf(about)).resource(event).create();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not write the {} Event on {} {}: {}",
          reason,
          about.kind().kubernetesKind(),
          about.jobName(),
          e.getMessage());
    }
  }

  private HasMetadata read(JobEvent about) {
    Class<? extends HasMetadata> type = Kinds.type(client, about.kind());
    if (type == null) {
      var generic =
          client.genericKubernetesResources(
              about.kind().apiVersion(), about.kind().kubernetesKind());
      return about.namespace() == null
          ? generic.withName(about.jobName()).get()
          : generic.inNamespace(about.namespace()).withName(about.jobName()).get();
    }
    var resources = client.resources(type);
    return about.namespace() == null
        ? resources.withName(about.jobName()).get()
        : resources.inNamespace(about.namespace()).withName(about.jobName()).get();
  }

  // A failed job's cleanup may have deleted what it created: the Event still names it.
  private static ObjectReference referenceByName(JobEvent about) {
    return new ObjectReferenceBuilder()
        .withApiVersion(about.kind().apiVersion())
        .withKind(about.kind().kubernetesKind())
        .withNamespace(about.namespace())
        .withName(about.jobName())
        .build();
  }

  // Events are namespaced; one about a cluster-scoped object goes to "default", as kubectl's do.
  private static String namespaceOf(JobEvent about) {
    return about.namespace() == null ? "default" : about.namespace();
  }

  private static ObjectReference reference(HasMetadata object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.getApiVersion())
        .withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid())
        .withResourceVersion(object.getMetadata().getResourceVersion())
        .build();
  }

  private static long randomSuffix() {
    return ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL;
  }

  private static String shorten(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
