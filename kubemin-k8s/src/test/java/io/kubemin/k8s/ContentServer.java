package io.kubemin.k8s;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A local HTTP server with one document, for URL-mode ConfigMaps and Secrets. */
public final class ContentServer implements AutoCloseable {
  private final HttpServer server;

  private ContentServer(HttpServer server) {
    this.server = server;
  }

  public static ContentServer serving(String path, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          boolean found = exchange.getRequestURI().getPath().equals(path);
          exchange.sendResponseHeaders(found ? 200 : 404, found ? bytes.length : -1);
          if (found) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
          exchange.close();
        });
    server.start();
    return new ContentServer(server);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
