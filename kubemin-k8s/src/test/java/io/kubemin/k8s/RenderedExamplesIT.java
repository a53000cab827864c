package io.kubemin.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.k8s.sandbox.KubeSandbox;
import io.kubemin.model.Application;
import io.kubemin.model.ModelCodec;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobOutcome;
import io.kubemin.spi.RenderedObject;
import io.kubemin.workflow.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every valid upstream example, rendered, applies and becomes ready, band by band. */
class RenderedExamplesIT {
  private static KubeSandbox sandbox;
  private static KubernetesJobExecutor executor;

  @BeforeAll
  static void start() {
    sandbox = KubeSandbox.builder().rolloutDelay(Duration.ofMillis(50)).start();
    executor = new KubernetesJobExecutor(sandbox.client());
  }

  @AfterAll
  static void stop() {
    executor.close();
    sandbox.close();
  }

  @ParameterizedTest
  @MethodSource("io.kubemin.k8s.ValidExamples#files")
  void appliesEveryRenderedObjectUntilReady(Path example) throws InterruptedException {
    Application application = ModelCodec.readApplication(example).value();
    String appId = "ex" + Integer.toHexString(example.getFileName().toString().hashCode() & 0xffff);
    RenderedApplication rendered = Renderer.builder().build().render(application, appId);
    List<RenderedObject> ordered =
        rendered.objects().stream().sorted(Comparator.comparingInt(RenderedObject::band)).toList();

    for (RenderedObject object : ordered) {
      Job job = new Job("t", appId, "s", object.componentName(), object.kind(), object.object());
      JobOutcome outcome = executor.run(job, FakeJobContext.withTimeout(Duration.ofSeconds(20)));
      assertThat(outcome.status())
          .as(job.describe() + ": " + outcome.message())
          .isEqualTo(JobStatus.COMPLETED);
    }

    for (RenderedObject object : ordered) {
      HasMetadata deployed = sandbox.client().resource(object.object()).get();
      assertThat(deployed).as(object.key()).isNotNull();
    }
  }
}
