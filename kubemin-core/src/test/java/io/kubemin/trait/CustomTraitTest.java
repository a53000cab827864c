package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static io.kubemin.render.RenderFixtures.container;
import static io.kubemin.render.RenderFixtures.oneComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.render.RenderFixtures;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.internal.BuiltInTraits;
import org.junit.jupiter.api.Test;

class CustomTraitTest {
  private static final Application WITH_POOL =
      oneComponent(
          """
            - name: web
              type: webservice
              image: nginx
              traits:
                test_node_pool: {pool: gpu}
                sidecar:
                  - name: proxy
                    image: envoy
                    traits: {test_node_pool: {pool: gpu}}
          """);

  @Test
  void processorFoundByServiceLoaderShapesThePodAndAddsObjects() {
    Renderer renderer = Renderer.builder().build();

    RenderedApplication rendered = renderer.render(WITH_POOL, APP_ID);

    PodSpec pod = RenderFixtures.pod(rendered);
    assertThat(renderer.customTraitNames()).contains(NodePoolTestTrait.NAME);
    assertThat(pod.getNodeSelector()).containsEntry("pool", "gpu");
    assertThat(pod.getContainers().get(0).getEnv()).anyMatch(e -> e.getName().equals("NODE_POOL"));
    assertThat(container(pod, "proxy").getEnv()).anyMatch(e -> e.getName().equals("NODE_POOL"));
    ConfigMap record = RenderFixtures.only(rendered, JobKind.CONFIG_MAP, ConfigMap.class);
    assertThat(record.getMetadata().getName()).isEqualTo("web-pool");
    assertThat(record.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(rendered.objects().get(0).kind()).isEqualTo(JobKind.CONFIG_MAP);
  }

  @Test
  void explicitProcessorWinsOverTheDiscoveredOne() {
    TraitProcessor explicit = processor(NodePoolTestTrait.NAME, (ctx, spec) -> {});

    RenderedApplication rendered =
        Renderer.builder().traitProcessor(explicit).build().render(WITH_POOL, APP_ID);

    assertThat(RenderFixtures.pod(rendered).getNodeSelector()).isNullOrEmpty();
  }

  @Test
  void traitWithoutProcessorIsIgnored() {
    RenderedApplication rendered =
        Renderer.builder().discoverTraitProcessors(false).build().render(WITH_POOL, APP_ID);

    assertThat(RenderFixtures.pod(rendered).getNodeSelector()).isNullOrEmpty();
    assertThat(rendered.objects()).noneMatch(o -> o.kind() == JobKind.CONFIG_MAP);
  }

  @Test
  void failureInACustomProcessorNamesComponentAndTrait() {
    TraitProcessor broken =
        processor(
            NodePoolTestTrait.NAME,
            (ctx, spec) -> {
              throw new IllegalStateException("pool service down");
            });
    Renderer renderer = Renderer.builder().traitProcessor(broken).build();

    // The sidecar's nested traits run with the built-in sidecar trait, before top-level custom
    // ones.
    assertThatThrownBy(() -> renderer.render(WITH_POOL, APP_ID))
        .isInstanceOfSatisfying(
            RenderException.class,
            e -> {
              assertThat(e.component()).isEqualTo("web");
              assertThat(e.path()).isEqualTo("traits.sidecar[0].traits.test_node_pool");
              assertThat(e.problem()).isEqualTo("pool service down");
            });
  }

  @Test
  void processorErrorsKeepTheirPath() {
    Application missingPool =
        oneComponent(
            "  - {name: web, type: webservice, image: nginx, traits: {test_node_pool: {}}}\n");

    assertThatThrownBy(() -> Renderer.builder().build().render(missingPool, APP_ID))
        .hasMessageContaining("traits.test_node_pool.pool");
  }

  @Test
  void builderRejectsBuiltInAndDuplicateNames() {
    assertThatThrownBy(
            () -> Renderer.builder().traitProcessor(processor("storage", (c, s) -> {})).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("built-in trait 'storage'");
    assertThatThrownBy(
            () ->
                Renderer.builder()
                    .traitProcessor(processor("x", (c, s) -> {}), processor("x", (c, s) -> {}))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void builtInProcessorsAreUsableThroughTheSpiWithJson() {
    var storage = BuiltInTraits.all().get(0);
    TraitProcessor alias = processor("scratch", storage::apply);
    Application application =
        oneComponent(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  scratch: [{name: tmp, type: ephemeral, mount_path: /tmp}]
            """);

    RenderedApplication rendered =
        Renderer.builder()
            .discoverTraitProcessors(false)
            .traitProcessor(alias)
            .build()
            .render(application, APP_ID);

    assertThat(storage.name()).isEqualTo("storage");
    assertThat(RenderFixtures.pod(rendered).getVolumes().get(0).getEmptyDir()).isNotNull();
  }

  private static TraitProcessor processor(
      String name, java.util.function.BiConsumer<TraitContext, JsonNode> body) {
    return new TraitProcessor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void apply(TraitContext context, JsonNode spec) {
        body.accept(context, spec);
      }
    };
  }
}
