package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.examples.rest.ApiDialect;
import io.kubemin.examples.rest.ReadinessCheck;
import io.kubemin.examples.rest.RestServer;
import io.kubemin.examples.rest.RestSettings;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Queue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedding example of {@code docs/rest-api.md}: a host serves its engine's API in the console
 * dialect, behind a bearer token, to a console served from another origin.
 */
public final class EmbeddedRestApi {
  private EmbeddedRestApi() {}

  /** Starts the API; the caller closes it (the engine stays the host's). */
  public static RestServer serve(
      KubeMin kubemin, DataStore store, Queue queue, InetSocketAddress address, Path tokenFile)
      throws IOException {
    RestSettings settings =
        RestSettings.builder()
            .dialect(ApiDialect.CONSOLE)
            .token(Files.readString(tokenFile).strip())
            .corsOrigin("https://console.example.com")
            .build();
    return RestServer.start(
        kubemin,
        address,
        List.of(ReadinessCheck.store(store), ReadinessCheck.queue(queue)),
        settings);
  }
}
