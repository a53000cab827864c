package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ModelParseException;
import io.kubemin.model.Parsed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;

/** Reads an application file for a command: a problem is one line on stderr, never a trace. */
final class ApplicationFile {
  private ApplicationFile() {}

  /**
   * The application in {@code file} (YAML for {@code .yaml}/{@code .yml}, else JSON), or empty
   * after printing why it cannot be read or parsed.
   */
  static Optional<Parsed<Application>> read(Path file, PrintWriter err) {
    return read(file, err, ModelCodec::readApplication);
  }

  /**
   * What {@code parser} makes of the text of {@code file}, or empty after printing why the file
   * cannot be read or parsed.
   */
  static <T> Optional<T> read(
      Path file, PrintWriter err, BiFunction<ModelCodec, String, T> parser) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      err.println("kubemin: cannot read " + file + ": " + reason(e));
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(ModelCodec.forFile(file), text));
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
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : KubeMinCommand.oneLine(e.getMessage());
  }
}
