package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubemin.KubeMin;
import io.kubemin.examples.rest.ReadinessCheck;
import io.kubemin.examples.rest.RestServer;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.Queue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** docs/rest-api.md: the REST API embedded in a host that owns its engine. */
public final class RestServerSetup {
  private RestServerSetup() {}

  /** Serves the engine's API on 127.0.0.1:{@code port} until {@code running} returns. */
  public static void serve(
      DataStore store,
      Queue queue,
      JobExecutor executor,
      KubernetesClient client,
      int port,
      Runnable running)
      throws IOException {
    try (KubeMin kubemin =
            KubeMin.builder().dataStore(store).queue(queue).jobExecutor(executor).build();
        RestServer api =
            RestServer.start(
                kubemin,
                new InetSocketAddress("127.0.0.1", port),
                List.of(
                    ReadinessCheck.store(store),
                    ReadinessCheck.queue(queue),
                    ReadinessCheck.cluster(client)))) {
      kubemin.start();
      running.run();
    } // the server closes first; closing it alone leaves the engine running
  }
}
