package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BindAddressTest {

  @Test
  void readsHostPortIpv6AndAllInterfaces() {
    assertThat(RestServer.parseBindAddress("127.0.0.1:8000"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8000));
    assertThat(RestServer.parseBindAddress("[::1]:9000"))
        .isEqualTo(new InetSocketAddress("::1", 9000));
    assertThat(RestServer.parseBindAddress(":8000").getAddress().isAnyLocalAddress()).isTrue();
    assertThat(RestServer.parseBindAddress("localhost:0").getPort()).isZero();
  }

  @Test
  void refusesAnAddressWithoutAValidPort() {
    assertThatThrownBy(() -> RestServer.parseBindAddress("127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> RestServer.parseBindAddress("127.0.0.1:http"))
        .hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> RestServer.parseBindAddress("127.0.0.1:70000"))
        .hasMessageContaining("0 to 65535");
  }
}
