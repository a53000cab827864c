package io.kubemin.examples.cli;

import io.kubemin.KubeMin;
import io.kubemin.model.ModelCodec;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.spi.Role;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubemin revisions --app ID --store URI}: the revisions of an application in a store. */
@Command(
    name = "revisions",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the revisions of an application kept in a store, oldest first.",
      "Exit code: 0 listed, 2 unknown application or unreachable store."
    })
public final class RevisionsCommand implements Callable<Integer> {
  @Option(names = "--app", required = true, paramLabel = "ID", description = "the application id")
  private String appId;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "URI",
      description = "the store, such as jdbc:h2:file:./data/kubemin or jdbc:mariadb://…")
  private String store;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  private String output;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      spec.commandLine().getErr().println("kubemin: -o must be text or json, not '" + output + "'");
      return KubeMinCommand.EXIT_CANNOT_RUN;
    }
    PrintWriter out = spec.commandLine().getOut();
    try (KubeMin kubemin = KubeMin.builder().dataStoreUri(store).roles(Role.API).build()) {
      List<RevisionRecord> revisions = kubemin.revisions(appId);
      if (output.equals("json")) {
        out.println(ModelCodec.json().write(revisions.stream().map(this::summary).toList()));
      } else {
        out.printf(
            "%-9s %-12s %-12s %-25s %s%n", "REVISION", "VERSION", "AUTHOR", "CREATED", "CAUSE");
        for (RevisionRecord r : revisions) {
          out.printf(
              "%-9d %-12s %-12s %-25s %s%n",
              r.number(), r.version(), r.author(), r.createdAt(), r.cause());
        }
      }
      out.flush();
      return 0;
    }
  }

  private Map<String, Object> summary(RevisionRecord r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("revision", r.number());
    row.put("version", r.version());
    row.put("author", r.author());
    row.put("cause", r.cause());
    row.put("content_hash", r.contentHash());
    row.put("created_at", r.createdAt().toString());
    row.put("components", r.components().stream().map(c -> c.name()).toList());
    return row;
  }
}
