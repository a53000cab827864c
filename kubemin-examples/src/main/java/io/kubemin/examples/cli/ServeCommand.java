package io.kubemin.examples.cli;

import io.kubemin.error.KubeMinException;
import io.kubemin.examples.rest.ApiDialect;
import io.kubemin.examples.rest.RestServer;
import io.kubemin.examples.rest.RestSettings;
import io.kubemin.spi.Providers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin serve}: runs an engine with every role against a cluster and serves the REST API
 * (docs/rest-api.md) until SIGINT or SIGTERM, which stop the API, then the engine, gracefully. Each
 * option can also come from {@code KUBEMIN_<OPTION>} (such as {@code KUBEMIN_BIND_ADDR}) when not
 * given, as in the upstream.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the workflow engine against a cluster and serves the REST API under /api/v1",
      "until interrupted (Ctrl-C, SIGTERM). It binds to loopback by default; another address",
      "needs --token-file (or --insecure).",
      "Without --kubeconfig it uses KUBECONFIG or ~/.kube/config, else an in-process sandbox.",
      "Exit code: 2 when it cannot start; after SIGINT or SIGTERM the JVM's (130, 143)."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--bind-addr",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:KUBEMIN_BIND_ADDR:-127.0.0.1:8000}",
      description = "where to listen; :PORT for every interface (default: ${DEFAULT-VALUE})")
  private String bindAddress;

  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = "${env:KUBEMIN_STORE:-memory}",
      description = "the store: memory or jdbc:… (default: memory)")
  private String storeUri;

  @Option(
      names = "--queue",
      paramLabel = "URI",
      defaultValue = "${env:KUBEMIN_QUEUE:-memory}",
      description = "the queue: memory, redis://… or kafka://… (default: memory)")
  private String queueUri;

  @ArgGroup(exclusive = true)
  private ClusterOptions cluster = new ClusterOptions();

  @Option(
      names = "--leader-election",
      defaultValue = "${env:KUBEMIN_LEADER_ELECTION:-false}",
      description = "elect one dispatcher among instances sharing a store, on a Lease")
  private boolean leaderElection;

  @Option(
      names = "--leader-namespace",
      paramLabel = "NS",
      defaultValue = "${env:KUBEMIN_LEADER_NAMESPACE:-kubemin-system}",
      description = "namespace of the Lease (default: kubemin-system)")
  private String leaderNamespace;

  @Option(
      names = "--api-dialect",
      paramLabel = "DIALECT",
      defaultValue = "${env:KUBEMIN_API_DIALECT:-upstream}",
      description =
          "wire format: upstream (snake_case, bare bodies) or console (the web console's"
              + " {code, message, data} envelope, camelCase) (default: ${DEFAULT-VALUE})")
  private String apiDialect;

  @Option(
      names = "--console-ui",
      paramLabel = "DIR",
      description = "serve a built web console (single-page app) from DIR at /")
  private Path consoleUi;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "require Authorization: Bearer <the token in FILE> on the API")
  private Path tokenFile;

  @Option(
      names = "--insecure",
      description = "allow a non-loopback --bind-addr without --token-file")
  private boolean insecure;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      description =
          "allow browser calls from ORIGIN, such as https://console.example.com (repeatable)")
  private List<String> corsOrigins = new ArrayList<>();

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "accept NAME in the Host header besides the bind address and loopback (repeatable)")
  private List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "serve HTTPS with this certificate (chain)")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "the private key of --tls-cert")
  private Path tlsKey;

  @Option(
      names = "--metrics",
      description =
          "serve GET /metrics in the Prometheus text format (behind --token-file when given)")
  private boolean metrics;

  @Option(
      names = "--otlp-endpoint",
      paramLabel = "URL",
      description =
          "export traces over OTLP/HTTP to this collector (such as http://localhost:4318; spans"
              + " are posted to URL/v1/traces)")
  private String otlpEndpoint;

  private PrometheusMeterRegistry registry;
  private io.opentelemetry.sdk.OpenTelemetrySdk tracing;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServeRun run;
    try {
      InetSocketAddress address = RestServer.parseBindAddress(bindAddress);
      run =
          ServeRun.start(
              cluster,
              new ServeRun.Settings(
                  storeUri,
                  queueUri,
                  address,
                  leaderElection ? leaderNamespace : null,
                  restSettings(),
                  registry,
                  tracing));
    } catch (IOException | IllegalArgumentException | KubeMinException e) {
      if (tracing != null) {
        tracing.close();
      }
      err.println("kubemin: serve: " + KubeMinCommand.oneLine(String.valueOf(e.getMessage())));
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    Thread hook = new Thread(run::close, "kubemin-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (run) {
      out.println("cluster: " + run.clusterDescription());
      out.println(
          "store: " + Providers.typeOf(storeUri) + ", queue: " + Providers.typeOf(queueUri));
      out.println(
          "api: "
              + ApiDialect.fromName(apiDialect).cliName()
              + " dialect"
              + (tokenFile == null ? "" : ", bearer token")
              + (consoleUi == null ? "" : ", console UI at /")
              + (metrics ? ", metrics at /metrics" : "")
              + (otlpEndpoint == null ? "" : ", traces to " + OtlpTracing.tracesUrl(otlpEndpoint)));
      out.println(
          "listening on " + (tlsCert == null ? "http://" : "https://") + hostPort(run.address()));
      out.flush();
      run.awaitClosed();
    } catch (InterruptedException e) {
      // Asked to stop from within the JVM: the run is closed above.
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
    }
    return 0;
  }

  /** The server's settings from the options; the token file is read here. */
  private RestSettings restSettings() throws IOException {
    RestSettings.Builder settings =
        RestSettings.builder().dialect(ApiDialect.fromName(apiDialect)).insecure(insecure);
    if (tokenFile != null) {
      String token;
      try {
        token = Files.readString(tokenFile).strip();
      } catch (IOException e) {
        throw new IOException("cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
      }
      settings.token(token);
    }
    corsOrigins.forEach(settings::corsOrigin);
    allowedHosts.forEach(settings::allowedHost);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null) {
      settings.tls(tlsCert, tlsKey);
    }
    if (consoleUi != null) {
      settings.consoleUi(consoleUi);
    }
    if (metrics) {
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      settings.metrics(registry::scrape);
    }
    if (otlpEndpoint != null) {
      OtlpTracing.tracesUrl(otlpEndpoint); // a bad URL fails before anything is opened
      tracing = OtlpTracing.open(otlpEndpoint, "kubemin-serve");
      settings.tracing(tracing);
    }
    return settings.build();
  }

  private static String hostPort(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run.
    }
  }
}
