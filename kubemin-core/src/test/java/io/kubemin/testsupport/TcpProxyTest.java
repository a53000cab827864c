package io.kubemin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
  private ServerSocket echo;
  private TcpProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket s = echo.accept();
                  Thread t =
                      new Thread(
                          () -> {
                            try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                              in.transferTo(out);
                            } catch (IOException ignored) {
                              // client went away
                            }
                          });
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    socket.setSoTimeout(1_000);
    return socket;
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes());
    byte[] buffer = new byte[text.length()];
    int read = 0;
    while (read < buffer.length) {
      int n = socket.getInputStream().read(buffer, read, buffer.length - read);
      if (n < 0) {
        throw new IOException("closed");
      }
      read += n;
    }
    return new String(buffer);
  }

  @Test
  void forwardsBothWays() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
    }
  }

  @Test
  void cutClosesOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
    Socket open = connect();
    roundTrip(open, "x");

    proxy.cut();

    assertThatThrownBy(() -> roundTrip(open, "again")).isInstanceOf(IOException.class);
    try (Socket refused = connect()) {
      assertThatThrownBy(() -> roundTrip(refused, "y")).isInstanceOf(IOException.class);
    }
    proxy.restore();
    try (Socket later = connect()) {
      assertThat(roundTrip(later, "back")).isEqualTo("back");
    }
  }

  @Test
  void hangForwardsNothingUntilRestored() throws IOException {
    try (Socket socket = connect()) {
      roundTrip(socket, "x");
      proxy.hang();

      assertThatThrownBy(() -> roundTrip(socket, "held"))
          .isInstanceOf(SocketTimeoutException.class);
      proxy.restore();
      socket.setSoTimeout(2_000);
      // the held bytes arrive once the proxy forwards again
      byte[] buffer = new byte[4];
      int n = socket.getInputStream().readNBytes(buffer, 0, 4);
      assertThat(new String(buffer, 0, n)).isEqualTo("held");
    }
  }

  @Test
  void delaySlowsEveryChunk() throws IOException {
    proxy.delay(Duration.ofMillis(150));
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      roundTrip(socket, "slow");
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
    }
  }
}
