package io.kubemin.examples.cli;

import picocli.CommandLine.Option;

/** Options that {@code demo} and {@code deploy} share. */
final class DeployOptions {
  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = "memory",
      description = "the store: memory, or jdbc:… (default: ${DEFAULT-VALUE})")
  String store;

  @Option(names = "--stats", description = "print the API requests made, by verb")
  boolean stats;
}
