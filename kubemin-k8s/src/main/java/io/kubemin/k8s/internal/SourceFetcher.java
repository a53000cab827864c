package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fills URL-mode ConfigMaps and Secrets (annotation {@code kubemin.io/source-url}) with the content
 * fetched at apply time: http(s) only, status 200, at most {@code maxBytes}, within {@code
 * timeout}. The content goes under the key named by {@code kubemin.io/source-file} (default {@code
 * config}).
 */
public final class SourceFetcher {
  private static final String DEFAULT_FILE = "config";

  private final KubernetesSerialization serialization;
  private final Duration timeout;
  private final long maxBytes;
  private final HttpClient http;

  /**
   * @param serialization used to copy objects
   * @param timeout connect and request timeout
   * @param maxBytes the largest accepted body
   */
  public SourceFetcher(KubernetesSerialization serialization, Duration timeout, long maxBytes) {
    this.serialization = serialization;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The object itself, or a copy with the fetched data when it is in URL mode. */
  public HasMetadata resolve(HasMetadata object) throws SourceFetchException, InterruptedException {
    String url = ObjectLabels.annotation(object, ObjectLabels.SOURCE_URL);
    if (url == null || !(object instanceof ConfigMap || object instanceof Secret)) {
      return object;
    }
    String file = ObjectLabels.annotation(object, ObjectLabels.SOURCE_FILE);
    byte[] content = fetch(url);
    String key = file == null || file.isBlank() ? DEFAULT_FILE : file;
    HasMetadata copy = serialization.clone(object);
    if (copy instanceof ConfigMap configMap) {
      Map<String, String> data = new LinkedHashMap<>(nonNull(configMap.getData()));
      data.put(key, new String(content, StandardCharsets.UTF_8));
      configMap.setData(data);
    } else if (copy instanceof Secret secret) {
      Map<String, String> data = new LinkedHashMap<>(nonNull(secret.getData()));
      data.put(key, Base64.getEncoder().encodeToString(content));
      secret.setData(data);
    }
    return copy;
  }

  private byte[] fetch(String url) throws SourceFetchException, InterruptedException {
    URI uri = parse(url);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new SourceFetchException(
              "fetching "
                  + shown(uri)
                  + " returned HTTP "
                  + response.statusCode()
                  + " (200 required)");
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
          throw new SourceFetchException(
              "content of " + shown(uri) + " is larger than " + maxBytes + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new SourceFetchException("fetching " + shown(uri) + " failed: " + e.getMessage());
    }
  }

  private static URI parse(String url) throws SourceFetchException {
    try {
      URI uri = URI.create(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new SourceFetchException("source URL must be http:// or https://: " + shown(uri));
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new SourceFetchException("source URL is not a valid URL");
    }
  }

  // A query string may carry a token: never shown.
  private static String shown(URI uri) {
    return (uri.getScheme() == null ? "" : uri.getScheme() + "://")
        + (uri.getHost() == null ? "" : uri.getHost())
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getPath() == null ? "" : uri.getPath());
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
