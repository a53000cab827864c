package io.kubemin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every Java sample of README.md and docs/ compiled: each {@code ```java} block must be
 * announced by {@code <!-- sample: PATH -->} on the line before it, and must equal that source file
 * of the build, imports included. Run with {@code -Dkubemin.docs.update=true} to copy the sources
 * into the pages after changing a sample.
 */
class DocsSamplesTest {
  private static final Pattern SAMPLE_MARKER = Pattern.compile("<!--\\s*sample:\\s*(\\S+)\\s*-->");
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyJavaBlockInTheDocsIsACompiledSourceFileOfTheBuild() throws IOException {
    boolean update = Boolean.getBoolean("kubemin.docs.update");
    List<String> problems = new ArrayList<>();
    int samples = 0;
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      boolean changed = false;
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals("```java")) {
          continue;
        }
        String where = REPOSITORY.relativize(page) + ":" + (i + 1);
        int end = closingFence(lines, i);
        Matcher marker = i == 0 ? null : SAMPLE_MARKER.matcher(lines.get(i - 1));
        if (marker == null || !marker.find()) {
          problems.add(where + ": a java block without <!-- sample: PATH --> on the line before");
          continue;
        }
        samples++;
        Path source = REPOSITORY.resolve(marker.group(1));
        if (!Files.isRegularFile(source)) {
          problems.add(where + ": sample source " + marker.group(1) + " does not exist");
          continue;
        }
        List<String> expected = sourceLines(source);
        List<String> actual = lines.subList(i + 1, end);
        if (!actual.equals(expected)) {
          if (update) {
            lines.subList(i + 1, end).clear();
            lines.addAll(i + 1, expected);
            changed = true;
            end = i + 1 + expected.size();
          } else {
            problems.add(
                where + ": differs from " + marker.group(1) + " (-Dkubemin.docs.update=true)");
          }
        }
        i = end;
      }
      if (changed) {
        Files.write(page, lines, StandardCharsets.UTF_8);
      }
    }
    assertThat(problems).isEmpty();
    assertThat(samples).as("samples found").isGreaterThan(10);
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(REPOSITORY.resolve("README.md"));
    try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static int closingFence(List<String> lines, int opening) {
    for (int j = opening + 1; j < lines.size(); j++) {
      if (lines.get(j).strip().equals("```")) {
        return j;
      }
    }
    throw new AssertionError("unclosed java block at line " + (opening + 1));
  }

  /** The file as a reader copies it: trailing blank lines dropped. */
  private static List<String> sourceLines(Path source) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(source, StandardCharsets.UTF_8));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
