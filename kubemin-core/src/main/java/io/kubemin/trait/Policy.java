package io.kubemin.trait;

/**
 * A rule that runs on every component of every application, without being listed in it: "every
 * Deployment gets our team label", "every workload gets a PodDisruptionBudget".
 *
 * <p>Policies run once per component after all of its traits, in a fixed order: the explicitly
 * registered ones in registration order, then discovered ones in class-path order. A policy sees
 * every object rendered for the component so far ({@link PolicyContext#objects()}), including those
 * traits and earlier policies added, may change them and add more. Config and secret components
 * have no workload; a policy that only cares about workloads checks {@link
 * PolicyContext#workload()}. Implementations must be thread-safe and deterministic.
 *
 * <p>To report bad input, throw {@link PolicyContext#error(String)}; any other exception becomes a
 * {@link io.kubemin.error.RenderException} naming the component and {@code policies.<name>}.
 *
 * <p>Register policies with {@code Renderer.builder().policy(...)} or {@code
 * KubeMin.builder().policy(...)}, or list them in {@code
 * META-INF/services/io.kubemin.trait.Policy}.
 */
public interface Policy {

  /** A short name for errors and logs, such as {@code team-label}; unique among policies. */
  String name();

  /**
   * Applies the policy to one component.
   *
   * @param context the component and its objects
   */
  void apply(PolicyContext context);
}
