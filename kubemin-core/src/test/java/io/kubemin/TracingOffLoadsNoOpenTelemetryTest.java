package io.kubemin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry is optional: an engine built without {@code tracing(...)} runs a deploy in a class
 * loader where no OpenTelemetry class exists, and never even asks for one.
 */
class TracingOffLoadsNoOpenTelemetryTest {

  @Test
  void aDeployWithoutTracingNeverLoadsAnOpenTelemetryClass() throws Exception {
    WithoutOpenTelemetry loader = new WithoutOpenTelemetry(getClass().getClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    Object status;
    try {
      @SuppressWarnings("unchecked")
      Callable<String> run =
          (Callable<String>)
              loader
                  .loadClass(TracingOffRun.class.getName())
                  .getDeclaredConstructor()
                  .newInstance();
      status = run.call();
    } finally {
      thread.setContextClassLoader(before);
    }

    assertThat(status).isEqualTo("completed");
    assertThat(loader.kubeminClassesDefined()).contains("io.kubemin.KubeMin");
    assertThat(loader.openTelemetryRequests()).isEmpty();
  }

  /**
   * Defines every io.kubemin class itself (so their references resolve here), hides OpenTelemetry
   * and records who asked for it; everything else comes from the parent.
   */
  private static final class WithoutOpenTelemetry extends ClassLoader {
    private final List<String> openTelemetryRequests = new CopyOnWriteArrayList<>();
    private final List<String> kubeminClasses = new CopyOnWriteArrayList<>();

    WithoutOpenTelemetry(ClassLoader parent) {
      super(parent);
    }

    List<String> openTelemetryRequests() {
      return openTelemetryRequests;
    }

    List<String> kubeminClassesDefined() {
      return kubeminClasses;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.opentelemetry.")) {
        openTelemetryRequests.add(name);
        throw new ClassNotFoundException(name + " (hidden: tracing is off)");
      }
      if (!name.startsWith("io.kubemin.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          kubeminClasses.add(name);
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }
}
