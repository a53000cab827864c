package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubemin demo}: deploys a bundled sample application (settings, credentials, a database
 * with a volume, a web front with probes, an ingress and RBAC) to an in-process Kubernetes API and
 * shows its live status. Needs nothing installed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys a bundled sample application to an in-process Kubernetes API (no cluster needed),",
      "printing progress and the components' live status.",
      "Exit code: 0 completed, 3 failed, timed out or cancelled."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE = "/io/kubemin/examples/demo-app.json";

  @Mixin private DeployOptions options = new DeployOptions();

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Application sample = sample();
    out.println(
        "KubeMin demo: deploying '"
            + sample.name()
            + "' ("
            + sample.components().size()
            + " components)");
    try (ClusterTarget target = ClusterTarget.sandbox()) {
      return new DeployRun(target, options.store, Duration.ofMinutes(2), options.stats, false, out)
          .run(sample);
    }
  }

  static Application sample() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException("bundled sample " + SAMPLE + " is missing");
      }
      return ModelCodec.json()
          .readApplication(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .value();
    }
  }
}
