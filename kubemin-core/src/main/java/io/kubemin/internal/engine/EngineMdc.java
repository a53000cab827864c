package io.kubemin.internal.engine;

import io.kubemin.workflow.Task;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys an engine thread carries while it works on a task, so that every log line of a
 * deploy names it. Values are ids and numbers only, never data of the application.
 */
final class EngineMdc {
  /** The application id. */
  static final String APP = "kubemin.app";

  /** The task id. */
  static final String TASK = "kubemin.task";

  /** The task attempt (the fencing token). */
  static final String ATTEMPT = "kubemin.attempt";

  /** The job's object name, while a job runs. */
  static final String JOB = "kubemin.job";

  private EngineMdc() {}

  /** Sets the task's keys; returns what to restore afterwards. */
  static Map<String, String> enter(Task task) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    MDC.put(APP, task.appId());
    MDC.put(TASK, task.id());
    MDC.put(ATTEMPT, Integer.toString(task.attempt()));
    return before;
  }

  /**
   * Sets the task's keys and the job's name; returns what undoes it. On the task's own thread,
   * where the task's keys are set already, only the job's key is set and restored: copying the
   * whole context twice per job cost more than running a quick job.
   */
  static Runnable enterJob(Task task, String jobName) {
    String attempt = Integer.toString(task.attempt());
    if (task.id().equals(MDC.get(TASK))
        && task.appId().equals(MDC.get(APP))
        && attempt.equals(MDC.get(ATTEMPT))) {
      String jobBefore = MDC.get(JOB);
      MDC.put(JOB, jobName);
      return () -> restore(JOB, jobBefore);
    }
    Map<String, String> before = enter(task);
    MDC.put(JOB, jobName);
    return () -> leave(before);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** The work, run with the MDC of the thread that creates it (for pool threads). */
  static <T> java.util.concurrent.Callable<T> carried(java.util.concurrent.Callable<T> work) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      if (context != null) {
        MDC.setContextMap(context);
      }
      try {
        return work.call();
      } finally {
        leave(before);
      }
    };
  }

  /** Restores the keys that were set before {@link #enter}. */
  static void leave(Map<String, String> before) {
    if (before == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
