package io.kubemin.internal.engine;

import io.kubemin.internal.plan.Plan;
import io.kubemin.internal.plan.PlannedStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;

/**
 * Runs the steps of a plan as a graph: a step starts when every step it comes after completed;
 * steps ready together run in parallel. After a failure no further step starts, and the steps
 * already running finish. A single ready step runs on the calling thread. A step that throws (an
 * engine fault, not a job failure) also starts no further step, and is rethrown only once the steps
 * still running have ended, so a task never ends while its steps still apply objects. A {@code
 * suspend} step that becomes ready is not run: no further step starts, and once the running ones
 * completed the run ends at that gate ({@link #gate()}).
 */
final class StepGraphRunner {
  private final StepRunner steps;
  private final EngineThreads threads;
  private final Set<String> completed = new HashSet<>();
  private PlannedStep gate;

  StepGraphRunner(StepRunner steps, EngineThreads threads) {
    this.steps = steps;
    this.threads = threads;
  }

  /** Runs the plan; returns null when every step completed, else the failure that decided. */
  JobResult run(Plan plan) {
    Map<String, Set<String>> waitingFor = new HashMap<>();
    List<PlannedStep> ready = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      waitingFor.put(step.name(), new HashSet<>(step.after()));
      if (step.after().isEmpty()) {
        ready.add(step);
      }
    }
    // Created at the first parallel step: most plans run each step on the calling thread.
    CompletionService<StepDone> completions = null;
    int running = 0;
    JobResult failure = null;
    Throwable thrown = null;
    while (true) {
      if (failure == null && thrown == null && gate == null && !ready.isEmpty()) {
        gate = firstGate(ready);
        if (gate != null) {
          ready.clear();
          continue;
        }
        if (running == 0 && ready.size() == 1) {
          PlannedStep step = ready.remove(0);
          StepDone done = runStep(step);
          thrown = done.thrown();
          failure = finished(done, plan, waitingFor, ready, failure);
          continue;
        }
        if (completions == null) {
          completions = new ExecutorCompletionService<>(threads.jobPool());
        }
        for (PlannedStep step : ready) {
          completions.submit(EngineMdc.carried(() -> runStep(step)));
          running++;
        }
        ready.clear();
      }
      if (running == 0) {
        rethrow(thrown);
        return failure;
      }
      StepDone done = take(completions);
      running--;
      if (thrown == null) {
        thrown = done.thrown();
      }
      failure = finished(done, plan, waitingFor, ready, failure);
    }
  }

  /**
   * The suspend step the run reached, or null. It counts only when {@link #run} returned no
   * failure: then every step before the gate completed and none after it started.
   */
  PlannedStep gate() {
    return gate;
  }

  /** The steps that completed in this run. */
  Set<String> completed() {
    return completed;
  }

  private static PlannedStep firstGate(List<PlannedStep> ready) {
    for (PlannedStep step : ready) {
      if (step.suspends()) {
        return step;
      }
    }
    return null;
  }

  private StepDone runStep(PlannedStep step) {
    try {
      return new StepDone(step, steps.run(step), null);
    } catch (RuntimeException | Error e) {
      return new StepDone(step, null, e);
    }
  }

  private static void rethrow(Throwable thrown) {
    if (thrown instanceof RuntimeException e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
  }

  private JobResult finished(
      StepDone done,
      Plan plan,
      Map<String, Set<String>> waitingFor,
      List<PlannedStep> ready,
      JobResult failure) {
    if (done.thrown() != null) {
      return failure;
    }
    if (done.failure() != null) {
      return JobResult.worse(failure, done.failure());
    }
    completed.add(done.step().name());
    for (PlannedStep step : plan.steps()) {
      Set<String> waiting = waitingFor.get(step.name());
      if (waiting.remove(done.step().name()) && waiting.isEmpty()) {
        ready.add(step);
      }
    }
    return failure;
  }

  private static StepDone take(CompletionService<StepDone> completions) {
    while (true) {
      try {
        return completions.take().get();
      } catch (InterruptedException e) {
        // Stops reach the running steps through the task's execution; wait for them to end.
        continue;
      } catch (ExecutionException e) {
        return new StepDone(null, null, e.getCause());
      }
    }
  }

  private record StepDone(PlannedStep step, JobResult failure, Throwable thrown) {}
}
