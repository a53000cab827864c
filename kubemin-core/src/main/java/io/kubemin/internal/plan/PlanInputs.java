package io.kubemin.internal.plan;

import io.kubemin.spi.WorkflowRecord;

/**
 * What a task's plan is made from, read from the store when the task starts.
 *
 * @param workflow the task's workflow
 * @param application its application with its components
 */
public record PlanInputs(WorkflowRecord workflow, StoredApplication application) {}
