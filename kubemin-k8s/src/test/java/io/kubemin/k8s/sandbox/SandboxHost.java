package io.kubemin.k8s.sandbox;

import java.util.concurrent.Callable;

/**
 * A host's main code, as it calls the sandbox: loaded by a class loader without the mock server.
 */
public final class SandboxHost implements Callable<String> {
  @Override
  public String call() {
    try (KubeSandbox sandbox = KubeSandbox.start()) {
      return sandbox.url();
    }
  }
}
