package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.all;
import static io.kubemin.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.kubemin.render.RenderedApplication;
import io.kubemin.spi.JobKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressTraitTest {

  @Test
  void backendNamingAComponentOrItsServiceGoesToTheGeneratedService() {
    Ingress ingress =
        first(
            """
            - {path: /a, backend: {service_name: api, service_port: 8080}}
            - {path: /b, backend: {service_name: svc-api-app1}}
            - {path: /c, backend: {service_name: external}}
            """);

    List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
    assertThat(paths.get(0).getBackend().getService().getName()).isEqualTo("svc-api-app1");
    assertThat(paths.get(0).getBackend().getService().getPort().getNumber()).isEqualTo(8080);
    assertThat(paths.get(1).getBackend().getService().getName()).isEqualTo("svc-api-app1");
    assertThat(paths.get(1).getBackend().getService().getPort().getNumber()).isEqualTo(9000);
    assertThat(paths.get(2).getBackend().getService().getName()).isEqualTo("external");
    assertThat(paths.get(2).getBackend().getService().getPort().getNumber()).isEqualTo(80);
  }

  @Test
  void nameDefaultsToComponentIngressAndIsPrefixedWithAppId() {
    RenderedApplication rendered =
        app(
            """
                  ingress:
                    - routes: [{backend: {service_name: api}}]
                    - routes: [{backend: {service_name: api}}]
                    - name: public
                      routes: [{backend: {service_name: api}}]
            """);

    assertThat(all(rendered, JobKind.INGRESS))
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("ing-api-ingress-app1", "ing-api-ingress-2-app1", "ing-public-app1");
    assertThat(all(rendered, JobKind.INGRESS).get(0).getMetadata().getNamespace())
        .isEqualTo("prod");
  }

  @Test
  void routesAreGroupedByHostInFirstSeenOrder() {
    Ingress ingress =
        app(
                """
                      ingress:
                        - hosts: [a.example.com, b.example.com]
                          ingress_class_name: nginx
                          tls: [{secret_name: cert, hosts: [a.example.com]}]
                          routes:
                            - {path: /x, host: c.example.com, backend: {service_name: api}}
                            - {path: /y, backend: {service_name: api}}
                """)
            .objects()
            .stream()
            .filter(o -> o.kind() == JobKind.INGRESS)
            .map(o -> (Ingress) o.object())
            .findFirst()
            .orElseThrow();

    assertThat(ingress.getSpec().getRules())
        .extracting(IngressRule::getHost)
        .containsExactly("c.example.com", "a.example.com", "b.example.com");
    assertThat(ingress.getSpec().getRules().get(1).getHttp().getPaths().get(0).getPath())
        .isEqualTo("/y");
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("cert");
  }

  @Test
  void pathTypesAndRewriteAnnotations() {
    Ingress ingress =
        first(
            """
            - {path: /p, backend: {service_name: api}}
            - {path: /e, path_type: exact, backend: {service_name: api}}
            - {path: /r(.*), backend: {service_name: api}, rewrite: {type: regex, replacement: /$1}}
            """);

    List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
    assertThat(paths)
        .extracting(HTTPIngressPath::getPathType)
        .containsExactly("ImplementationSpecific", "Exact", "ImplementationSpecific");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/rewrite-target", "/$1")
        .containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
    assertThat(first("- {backend: {service_name: api}}").getSpec().getRules().get(0))
        .satisfies(
            r -> {
              assertThat(r.getHost()).isNull();
              assertThat(r.getHttp().getPaths().get(0).getPath()).isEqualTo("/");
              assertThat(r.getHttp().getPaths().get(0).getPathType()).isEqualTo("Prefix");
            });
  }

  @Test
  void ingressErrors() {
    assertThatThrownBy(() -> app("      ingress: [{routes: []}]"))
        .hasMessageContaining("traits.ingress[0].routes");
    assertThatThrownBy(() -> first("- {backend: {service_port: 80}}"))
        .hasMessageContaining("traits.ingress[0].routes[0].backend.service_name");
    assertThatThrownBy(() -> first("- {backend: {service_name: worker}}"))
        .hasMessageContaining("has no ports");
    assertThatThrownBy(() -> first("- {path_type: fuzzy, backend: {service_name: api}}"))
        .hasMessageContaining("traits.ingress[0].routes[0].path_type");
  }

  private static Ingress first(String routes) {
    String indented = routes.strip().replace("\n", "\n            ");
    return (Ingress)
        all(
                app(
                    """
                          ingress:
                            - routes:
                                %s
                    """
                        .formatted(indented)),
                JobKind.INGRESS)
            .get(0);
  }

  private static RenderedApplication app(String traits) {
    return render(
        """
        name: shop
        namespace: prod
        component:
          - name: worker
            type: webservice
            image: worker
          - name: api
            type: webservice
            image: api
            properties: {ports: [{port: 9000}]}
            traits:
        %s
        """
            .formatted(traits.stripTrailing()));
  }
}
