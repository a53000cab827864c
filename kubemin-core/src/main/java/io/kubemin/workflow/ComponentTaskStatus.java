package io.kubemin.workflow;

import java.time.Instant;

/**
 * How a task went for one component: its jobs' results aggregated, the most severe status winning
 * (failed/timeout, then cancelled, then completed, then skipped).
 *
 * @param name the component
 * @param type the upstream job type of its workload ({@code deploy}, {@code store_deploy}, {@code
 *     configmap_deploy}, {@code secret_deploy})
 * @param status {@code completed}, {@code failed}, {@code timeout}, {@code cancelled}, {@code
 *     skipped} or, for components no job of which ended yet, {@code waiting}
 * @param error the first error of its jobs, else null
 * @param startTime start of its earliest job, else null
 * @param endTime end of its latest job, else null
 */
public record ComponentTaskStatus(
    String name, String type, String status, String error, Instant startTime, Instant endTime) {}
