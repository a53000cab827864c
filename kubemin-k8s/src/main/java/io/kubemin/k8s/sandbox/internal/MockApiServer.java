package io.kubemin.k8s.sandbox.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's mock API server in CRUD mode with server-side apply. Every reference to the optional
 * mock server artifact lives here, so the public sandbox class links without it and can say which
 * artifact is missing.
 */
public final class MockApiServer {
  private final ApplyingCrudDispatcher dispatcher = new ApplyingCrudDispatcher();
  private final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);

  /** Starts listening on a free local port. */
  public MockApiServer() {
    server.init();
  }

  /** A new client of this server. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** A new client whose requests are not counted (for the sandbox's own simulator). */
  public KubernetesClient newUncountedClient() {
    return server.createClient(
        builder ->
            builder
                .editOrNewConfig()
                .withUserAgent(RequestCounter.INTERNAL_USER_AGENT)
                .endConfig());
  }

  /** Requests by verb since the last reset. */
  public Map<String, Long> requestCounts() {
    return dispatcher.counter().snapshot();
  }

  /** Starts counting from zero. */
  public void resetRequestCounts() {
    dispatcher.counter().reset();
  }

  /** Stops the server. */
  public void destroy() {
    server.destroy();
  }
}
