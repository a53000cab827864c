package io.kubemin.internal.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Threads the runners share.
 *
 * @param timer deadlines, heartbeats and periodic work
 * @param jobPool jobs of DAG bands and steps of parallel branches
 */
record EngineThreads(ScheduledExecutorService timer, ExecutorService jobPool) {}
