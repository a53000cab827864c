package io.kubemin.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in the test JVM between a client and a server (MariaDB, Redis), which a test uses to
 * cut the connections, hang them, or slow them down, without touching the server, so that shared
 * servers stay up for everybody else.
 *
 * <ul>
 *   <li>{@link #cut()}: closes every open connection and refuses new ones (accepted and closed at
 *       once, as a server that went away) until {@link #restore()}.
 *   <li>{@link #hang()}: keeps connections open but forwards nothing, in either direction (a
 *       network partition: clients see timeouts, not errors) until {@link #restore()}.
 *   <li>{@link #delay(Duration)}: forwards every chunk after this delay (a slow network).
 * </ul>
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start("127.0.0.1", 3306)) {
 *   String url = "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/db?user=root";
 *   proxy.cut();  ...  proxy.restore();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
  private enum Mode {
    OPEN,
    CUT,
    HUNG
  }

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Object modeLock = new Object();
  private volatile Mode mode = Mode.OPEN;
  private volatile long delayMillis;
  private volatile boolean closed;

  private TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy to {@code host:port} on a free local port. */
  public static TcpProxy start(String host, int port) {
    try {
      return new TcpProxy(host, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a proxy port: " + e.getMessage(), e);
    }
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far (refused ones included). */
  public int accepted() {
    return accepted.get();
  }

  /** Closes every connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    setMode(Mode.CUT);
    closeAll();
  }

  /** Stops forwarding in both directions, connections open, until {@link #restore()}. */
  public void hang() {
    setMode(Mode.HUNG);
  }

  /** Forwards again; connections cut before stay closed (clients reconnect). */
  public void restore() {
    setMode(Mode.OPEN);
  }

  /** Delays every forwarded chunk by this much (zero: no delay). */
  public void delay(Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  /** Closes every connection now, without refusing new ones (a server-side kill). */
  public void closeAll() {
    for (Socket socket : sockets) {
      quietlyClose(socket);
    }
  }

  private void setMode(Mode next) {
    synchronized (modeLock) {
      mode = next;
      modeLock.notifyAll();
    }
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      if (mode == Mode.CUT) {
        quietlyClose(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
      } catch (IOException e) {
        quietlyClose(client);
        quietlyClose(upstream);
        continue;
      }
      sockets.add(client);
      sockets.add(upstream);
      pump(client, upstream, "up");
      pump(upstream, client, "down");
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitForwarding();
                  long delay = delayMillis;
                  if (delay > 0) {
                    Thread.sleep(delay);
                  }
                  if (mode == Mode.CUT) {
                    break;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the connection ended (or was cut)
              } finally {
                quietlyClose(from);
                quietlyClose(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "tcp-proxy-" + port() + "-" + direction);
    thread.setDaemon(true);
    thread.start();
  }

  private void awaitForwarding() throws InterruptedException {
    synchronized (modeLock) {
      while (mode == Mode.HUNG && !closed) {
        modeLock.wait();
      }
    }
  }

  private static void quietlyClose(Socket socket) {
    try {
      socket.close();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    setMode(Mode.CUT);
    closeAll();
  }
}
