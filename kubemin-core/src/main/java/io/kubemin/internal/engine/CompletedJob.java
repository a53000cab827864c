package io.kubemin.internal.engine;

import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;

/**
 * A job that completed in the current attempt of a task, with the context of that run (which knows
 * the objects the run created).
 *
 * @param job the job
 * @param context the context of the run that completed it
 */
record CompletedJob(Job job, JobContext context) {}
