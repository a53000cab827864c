package io.kubemin.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestServer;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRestApiTest {
  @TempDir Path dir;

  @Test
  void theEmbeddedApiAnswersInTheConsoleDialectBehindItsToken() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), "0123456789abcdef0123\n");
    InMemoryDataStore store = new InMemoryDataStore();
    InMemoryQueue queue = new InMemoryQueue();
    try (KubeMin kubemin =
            KubeMin.builder()
                .dataStore(store)
                .queue(queue)
                .jobExecutor(new RecordingJobExecutor())
                .build();
        RestServer api =
            EmbeddedRestApi.serve(
                kubemin, store, queue, new InetSocketAddress("127.0.0.1", 0), tokenFile)) {
      kubemin.start();
      URI applications =
          URI.create("http://127.0.0.1:" + api.address().getPort() + "/api/v1/applications");
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(applications).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> authorised =
          http.send(
              HttpRequest.newBuilder(applications)
                  .header("Authorization", "Bearer 0123456789abcdef0123")
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(authorised.statusCode()).isEqualTo(200);
      assertThat(authorised.body()).contains("\"code\" : 0", "\"applications\" : [ ]");
    } finally {
      store.close();
      queue.close();
    }
  }
}
