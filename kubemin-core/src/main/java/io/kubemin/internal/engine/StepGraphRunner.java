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
 * already running finish. A single ready step runs on the calling thread.
 */
final class StepGraphRunner {
  private final StepRunner steps;
  private final EngineThreads threads;

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
    CompletionService<StepDone> completions = new ExecutorCompletionService<>(threads.jobPool());
    int running = 0;
    JobResult failure = null;
    while (true) {
      if (failure == null && !ready.isEmpty()) {
        if (running == 0 && ready.size() == 1) {
          PlannedStep step = ready.remove(0);
          failure = finished(new StepDone(step, steps.run(step)), plan, waitingFor, ready, failure);
          continue;
        }
        for (PlannedStep step : ready) {
          completions.submit(() -> new StepDone(step, steps.run(step)));
          running++;
        }
        ready.clear();
      }
      if (running == 0) {
        return failure;
      }
      StepDone done = take(completions);
      running--;
      failure = finished(done, plan, waitingFor, ready, failure);
    }
  }

  private static JobResult finished(
      StepDone done,
      Plan plan,
      Map<String, Set<String>> waitingFor,
      List<PlannedStep> ready,
      JobResult failure) {
    if (done.failure() != null) {
      return JobResult.worse(failure, done.failure());
    }
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
        throw new IllegalStateException("a step failed unexpectedly", e.getCause());
      }
    }
  }

  private record StepDone(PlannedStep step, JobResult failure) {}
}
