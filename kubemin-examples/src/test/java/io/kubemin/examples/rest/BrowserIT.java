package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.memory.InMemoryDataStore;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.testing.RecordingJobExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser (headless Chromium, skipped when not installed: {@code apt-get install chromium})
 * runs a small page of our own served with {@code --console-ui}: same-origin calls in the console
 * dialect work, and a page of another origin cannot create applications.
 */
class BrowserIT {
  private static final String SAME_ORIGIN_PAGE =
      """
      <!doctype html><html><body><pre id="out">loading</pre><script>
      (async () => {
        const out = document.getElementById('out');
        try {
          const created = await (await fetch('/api/v1/applications', {method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({name: 'browser-app', tmp_enable: false,
              component: [{name: 'web', type: 'webservice', image: 'nginx:1'}]})})).json();
          const list = await (await fetch('/api/v1/applications')).json();
          const components =
            await (await fetch('/api/v1/applications/' + created.data.id + '/components')).json();
          out.textContent = 'RESULT code=' + created.code
            + ' apps=' + list.data.applications.map(a => a.name).join(',')
            + ' status=' + components.data.components[0].status;
        } catch (e) {
          out.textContent = 'RESULT error ' + e;
        }
      })();
      </script></body></html>
      """;

  private static final String CROSS_ORIGIN_PAGE =
      """
      <!doctype html><html><body><pre id="out">loading</pre><script>
      (async () => {
        const out = document.getElementById('out');
        const target = 'http://127.0.0.1:%d/api/v1/applications';
        const body = JSON.stringify({name: 'csrf-app',
          component: [{name: 'web', type: 'webservice', image: 'nginx:1'}]});
        let text = 'RESULT';
        try {
          await fetch(target, {method: 'POST', mode: 'no-cors',
            headers: {'Content-Type': 'text/plain'}, body});
          text += ' simple=sent';
        } catch (e) { text += ' simple=blocked'; }
        try {
          await fetch(target, {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body});
          text += ' json=readable';
        } catch (e) { text += ' json=blocked'; }
        out.textContent = text;
      })();
      </script></body></html>
      """;

  @TempDir Path dir;

  @Test
  void aPageServedWithTheApiUsesItInTheConsoleDialect() throws Exception {
    Path chromium = chromium();
    Path ui = Files.createDirectories(dir.resolve("ui"));
    Files.writeString(ui.resolve("index.html"), SAME_ORIGIN_PAGE);
    try (KubeMin kubemin = engine();
        RestServer server =
            RestServer.start(
                kubemin,
                new InetSocketAddress("127.0.0.1", 0),
                List.of(),
                RestSettings.builder().dialect(ApiDialect.CONSOLE).consoleUi(ui).build())) {
      String dom = dumpDom(chromium, "http://127.0.0.1:" + server.address().getPort() + "/apps");

      assertThat(dom).contains("RESULT code=0 apps=browser-app status=Not Deploy");
    }
  }

  @Test
  void aPageOfAnotherOriginCannotCreateApplications() throws Exception {
    Path chromium = chromium();
    try (KubeMin kubemin = engine();
        RestServer target =
            RestServer.start(
                kubemin,
                new InetSocketAddress("127.0.0.1", 0),
                List.of(),
                RestSettings.builder().dialect(ApiDialect.CONSOLE).build())) {
      Path ui = Files.createDirectories(dir.resolve("evil"));
      Files.writeString(
          ui.resolve("index.html"), CROSS_ORIGIN_PAGE.formatted(target.address().getPort()));
      try (KubeMin other = engine();
          RestServer evil =
              RestServer.start(
                  other,
                  new InetSocketAddress("127.0.0.1", 0),
                  List.of(),
                  RestSettings.builder().consoleUi(ui).build())) {
        String dom = dumpDom(chromium, "http://localhost:" + evil.address().getPort() + "/");

        assertThat(dom).contains("RESULT").contains("json=blocked");
        assertThat(kubemin.applications()).isEmpty();
      }
    }
  }

  private static KubeMin engine() {
    KubeMin kubemin =
        KubeMin.builder()
            .dataStore(new InMemoryDataStore())
            .queue(new InMemoryQueue())
            .jobExecutor(new RecordingJobExecutor())
            .shutdownTimeout(Duration.ofMillis(200))
            .build();
    kubemin.start();
    return kubemin;
  }

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    Assumptions.assumeTrue(false, "no Chromium installed (apt-get install chromium): skipped");
    return null;
  }

  private String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--virtual-time-budget=15000",
                "--dump-dom",
                url)
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
