package io.kubemin.model;

/**
 * A liveness, readiness or startup probe ({@code traits.probes[]}); exactly one handler is set.
 *
 * @param type {@code liveness}, {@code readiness} or {@code startup}
 * @param initialDelaySeconds seconds before the first probe
 * @param periodSeconds seconds between probes
 * @param timeoutSeconds seconds before a probe times out
 * @param failureThreshold failures before the probe is considered failed
 * @param successThreshold successes before the probe is considered passed
 * @param exec command handler
 * @param httpGet HTTP handler
 * @param tcpSocket TCP handler
 */
public record ProbeTrait(
    String type,
    Integer initialDelaySeconds,
    Integer periodSeconds,
    Integer timeoutSeconds,
    Integer failureThreshold,
    Integer successThreshold,
    ExecAction exec,
    HttpGetAction httpGet,
    TcpSocketAction tcpSocket) {}
