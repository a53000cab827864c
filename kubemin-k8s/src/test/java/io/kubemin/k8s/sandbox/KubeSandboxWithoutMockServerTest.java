package io.kubemin.k8s.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** A host that forgot the optional mock server artifact gets a sentence, not a linkage error. */
class KubeSandboxWithoutMockServerTest {

  @Test
  void startingWithoutTheMockServerOnTheClassPathNamesTheArtifactToAdd() throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.contains("kubernetes-server-mock") && !entry.contains("mockwebserver")) {
        urls.add(toUrl(entry));
      }
    }
    try (URLClassLoader host =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Callable<?> sandboxHost =
          (Callable<?>) host.loadClass(SandboxHost.class.getName()).getConstructor().newInstance();

      assertThatThrownBy(sandboxHost::call)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.fabric8:kubernetes-server-mock:")
          .hasMessageContaining("on the class path");
    }
    assertThat(urls).isNotEmpty();
  }

  private static URL toUrl(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}
