package io.kubemin.examples.rest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A built single-page app served from one directory: a path names a file under it, an unknown path
 * gets {@code index.html} (the app routes in the browser), and nothing outside the directory is
 * ever served (no {@code ..}, no encoded separators, no symbolic link leading out). Hashed assets
 * are cached for a year, everything else revalidated.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("wasm", "application/wasm"));

  /** Names with a content hash, as bundlers write them: {@code index-3f9a1c2b.js}. */
  private static final Pattern HASHED = Pattern.compile(".*[.-][A-Za-z0-9_]{8,}\\.[a-z0-9]+$");

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private final Path root;
  private final Path index;

  private StaticFiles(Path root) {
    this.root = root;
    this.index = root.resolve("index.html");
  }

  /**
   * The files of a directory.
   *
   * @throws IllegalArgumentException when it is not a directory with an {@code index.html}
   */
  static StaticFiles of(Path directory) {
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("console UI directory " + directory + " does not exist");
    }
    if (!Files.isDirectory(root) || !Files.isRegularFile(root.resolve("index.html"))) {
      throw new IllegalArgumentException(
          "console UI directory " + directory + " must be a directory with an index.html");
    }
    return new StaticFiles(root);
  }

  /**
   * A file to send.
   *
   * @param path the file
   * @param contentType its content type
   * @param cacheControl its caching
   */
  record Found(Path path, String contentType, String cacheControl) {}

  /**
   * The file for a raw request path: the file it names, {@code index.html} for an unknown path, or
   * empty when the path is refused (it tries to leave the directory, or is malformed).
   */
  Optional<Found> resolve(String rawPath) {
    String decoded;
    try {
      decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.indexOf('\0') >= 0 || decoded.contains("\\") || hasDotSegment(decoded)) {
      return Optional.empty();
    }
    String relative = decoded.replaceAll("^/+", "");
    if (relative.isEmpty()) {
      return Optional.of(found(index));
    }
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root)) {
      return Optional.empty();
    }
    try {
      if (Files.isRegularFile(candidate)) {
        Path real = candidate.toRealPath();
        return real.startsWith(root) ? Optional.of(found(real)) : Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(found(index));
  }

  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  private Found found(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.getOrDefault(extension, "application/octet-stream");
    boolean hashed = !file.equals(index) && HASHED.matcher(name).matches();
    return new Found(file, type, hashed ? IMMUTABLE : REVALIDATE);
  }
}
