package io.kubemin.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The cluster options that {@code deploy} and {@code serve} share (an exclusive group): {@code
 * --sandbox} or {@code --kubeconfig PATH}; without either, {@code KUBECONFIG} or {@code
 * ~/.kube/config}, else a sandbox.
 */
final class ClusterOptions {
  @Option(names = "--sandbox", description = "use an in-process Kubernetes API (no cluster needed)")
  boolean sandbox;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "use the cluster of this kubeconfig")
  Path kubeconfig;

  /** Opens the chosen cluster. */
  ClusterTarget open() throws IOException {
    if (sandbox) {
      return ClusterTarget.sandbox();
    }
    Optional<Path> file = Optional.ofNullable(kubeconfig).or(ClusterTarget::defaultKubeconfig);
    return file.isPresent() ? ClusterTarget.kubeconfig(file.get()) : ClusterTarget.sandbox();
  }
}
