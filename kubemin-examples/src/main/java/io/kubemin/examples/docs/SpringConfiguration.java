package io.kubemin.examples.docs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubemin.KubeMin;
import io.kubemin.k8s.KubernetesJobExecutor;
import io.kubemin.k8s.KubernetesStatusSync;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * docs/embedding.md: KubeMin as Spring beans (Spring Boot picks this configuration up as it is).
 * Spring starts the engine after the beans it needs and closes it before them.
 */
@Configuration(proxyBeanMethods = false)
public class SpringConfiguration {

  /** The cluster client; a test context can replace it with a sandbox's client. */
  @Bean(destroyMethod = "close")
  public KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  /** Applies jobs to the cluster. */
  @Bean(destroyMethod = "close")
  public KubernetesJobExecutor kubernetesJobExecutor(KubernetesClient client) {
    return new KubernetesJobExecutor(client);
  }

  /** The engine, started with the context and closed with it. */
  @Bean(initMethod = "start", destroyMethod = "close")
  public KubeMin kubeMin(
      KubernetesClient client,
      KubernetesJobExecutor executor,
      @Value("${kubemin.store:memory}") String store,
      @Value("${kubemin.queue:memory}") String queue) {
    return KubeMin.builder()
        .dataStoreUri(store)
        .queueUri(queue)
        .jobExecutor(executor)
        .extension(new KubernetesStatusSync(client))
        .build();
  }
}
