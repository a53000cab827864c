package io.kubemin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the upstream example request bodies ({@code shared/upstream-examples}) that the JSON format
 * must accept. They live beside the repository, so tests look for them upwards from the working
 * directory; {@code -Dkubemin.examples.dir} overrides.
 */
public final class UpstreamExamples {
  private UpstreamExamples() {}

  /** The examples folder. */
  public static Path root() {
    String configured = System.getProperty("kubemin.examples.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          List.of(
              dir.resolve("kubemin-core/src/test/resources/upstream-examples"),
              dir.resolve("src/test/resources/upstream-examples"),
              dir.resolve("shared/upstream-examples"),
              dir.resolve("../shared/upstream-examples"))) {
        if (Files.isDirectory(candidate)) {
          return candidate.normalize();
        }
      }
    }
    throw new IllegalStateException(
        "upstream-examples not found above " + Path.of("").toAbsolutePath());
  }

  /** Every example that is a whole application (all but the workflow-only body). */
  public static List<Path> applications() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .filter(f -> f.getParent().getFileName().toString().matches("pvc-storage|validation-try"))
          .filter(f -> !f.getFileName().toString().startsWith("10-try-workflow"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
