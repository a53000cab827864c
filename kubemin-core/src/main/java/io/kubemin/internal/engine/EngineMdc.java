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
