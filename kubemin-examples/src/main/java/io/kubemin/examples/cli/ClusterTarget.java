package io.kubemin.examples.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubemin.k8s.sandbox.KubeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster a command deploys to: an in-process {@link KubeSandbox}, or a real cluster from a
 * kubeconfig. Owns and closes what it opened.
 */
final class ClusterTarget implements AutoCloseable {
  private final KubernetesClient client;
  private final KubeSandbox sandbox;
  private final String description;

  private ClusterTarget(KubernetesClient client, KubeSandbox sandbox, String description) {
    this.client = client;
    this.sandbox = sandbox;
    this.description = description;
  }

  /** An in-process sandbox. */
  static ClusterTarget sandbox() {
    KubeSandbox sandbox = KubeSandbox.start();
    return new ClusterTarget(sandbox.client(), sandbox, "sandbox (in-process Kubernetes API)");
  }

  /** The cluster of a kubeconfig file. */
  static ClusterTarget kubeconfig(Path file) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(file));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    return new ClusterTarget(client, null, config.getMasterUrl() + " (kubeconfig " + file + ")");
  }

  /** The kubeconfig in {@code KUBECONFIG} (its first entry) or {@code ~/.kube/config}, if any. */
  static Optional<Path> defaultKubeconfig() {
    String variable = System.getenv("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      Path first = Path.of(variable.split(java.io.File.pathSeparator)[0]);
      if (Files.isReadable(first)) {
        return Optional.of(first);
      }
    }
    Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
    return Files.isReadable(home) ? Optional.of(home) : Optional.empty();
  }

  KubernetesClient client() {
    return client;
  }

  String description() {
    return description;
  }

  /** API requests by verb since the last reset; empty when not a sandbox. */
  Optional<Map<String, Long>> requestCounts() {
    return Optional.ofNullable(sandbox).map(KubeSandbox::requestCounts);
  }

  void resetRequestCounts() {
    if (sandbox != null) {
      sandbox.resetRequestCounts();
    }
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    } else {
      client.close();
    }
  }
}
