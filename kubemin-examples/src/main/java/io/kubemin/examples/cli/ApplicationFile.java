package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ModelParseException;
import io.kubemin.model.Parsed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads an application file for a command: a problem is one line on stderr, never a trace. */
final class ApplicationFile {
  private ApplicationFile() {}

  /**
   * The application in {@code file} (YAML for {@code .yaml}/{@code .yml}, else JSON), or empty
   * after printing why it cannot be read or parsed.
   */
  static Optional<Parsed<Application>> read(Path file, PrintWriter err) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      err.println("kubemin: cannot read " + file + ": " + reason(e));
      return Optional.empty();
    }
    try {
      return Optional.of(ModelCodec.forFile(file).readApplication(text));
    } catch (ModelParseException e) {
      err.println("kubemin: " + file + ": " + KubeMinCommand.oneLine(e.getMessage()));
      return Optional.empty();
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : KubeMinCommand.oneLine(e.getMessage());
  }
}
