package io.kubemin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.testing.UpstreamExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelCodecTest {

  static Stream<Path> applicationExamples() {
    return UpstreamExamples.applications().stream();
  }

  @ParameterizedTest
  @MethodSource("applicationExamples")
  void everyUpstreamExampleRoundTripsThroughJsonAndYaml(Path file) throws Exception {
    Application read = ModelCodec.json().readApplication(Files.readString(file)).value();

    Application viaJson = ModelCodec.json().readApplication(ModelCodec.json().write(read)).value();
    Application viaYaml = ModelCodec.yaml().readApplication(ModelCodec.yaml().write(read)).value();

    assertThat(viaJson).isEqualTo(read);
    assertThat(viaYaml).isEqualTo(read);
    assertThat(read.components()).isNotEmpty();
  }

  static Stream<Path> versionUpdateExamples() throws Exception {
    return Files.list(UpstreamExamples.root().resolve("version-update")).sorted();
  }

  @ParameterizedTest
  @MethodSource("versionUpdateExamples")
  void everyVersionUpdateExampleRoundTrips(Path file) throws Exception {
    VersionUpdate read =
        ModelCodec.json().read(Files.readString(file), VersionUpdate.class).value();

    assertThat(ModelCodec.json().read(ModelCodec.json().write(read), VersionUpdate.class).value())
        .isEqualTo(read);
    assertThat(read.version()).isNotBlank();
  }

  @Test
  void workflowOnlyBodyParsesAsWorkflowRequest() throws Exception {
    Path file = UpstreamExamples.root().resolve("validation-try/10-try-workflow-request.json");
    WorkflowRequest request = ModelCodec.json().readWorkflowRequest(Files.readString(file)).value();

    assertThat(request.name()).isEqualTo("new-workflow");
    assertThat(request.workflow())
        .extracting(Step::name)
        .containsExactly("config-step", "database-step", "services-step");
    assertThat(request.workflow().get(1).stepMode()).isEqualTo(StepMode.DAG);
  }

  @Test
  void oddUpstreamKeysAreRead() {
    String json =
        """
        {"name":"app","component":[{"name":"web","type":"webservice","image":"nginx",
          "traits":{"rbac":[{"service_accountLabels":{"a":"b"},"service_accountAnnotations":{"c":"d"},
                             "rules":[{"verbs":["get"]}]}],
                    "ingress":[{"label":{"team":"x"},"routes":[{"backend":{"service_name":"web"}}]}],
                    "envs":[{"name":"A","value_from":{"static":"1"}}],
                    "init":[{"image":"busybox","command":["true"]}],
                    "my_trait":{"x":1}}}]}
        """;
    Application app = ModelCodec.json().readApplication(json).value();
    Traits traits = app.components().get(0).traits();

    assertThat(traits.rbac().get(0).serviceAccountLabels()).containsEntry("a", "b");
    assertThat(traits.rbac().get(0).serviceAccountAnnotations()).containsEntry("c", "d");
    assertThat(traits.ingress().get(0).labels()).containsEntry("team", "x");
    assertThat(traits.envs().get(0).valueFrom().staticValue()).isEqualTo("1");
    assertThat(traits.init().get(0).effectiveImage()).isEqualTo("busybox");
    assertThat(traits.custom()).containsKey("my_trait");
    assertThat(app.namespace()).isEqualTo("default");
    assertThat(app.version()).isEqualTo("1.0.0");
    assertThat(ModelCodec.json().readApplication(ModelCodec.json().write(app)).value())
        .isEqualTo(app);
  }

  @Test
  void rollbackOnFailureIsAKnownBooleanThatRoundTrips() {
    Parsed<Application> parsed =
        ModelCodec.json()
            .readApplication(
                "{\"name\":\"app\",\"tmp_enable\":true,\"rollback_on_failure\":true,"
                    + "\"component\":[{\"name\":\"web\",\"type\":\"webservice\","
                    + "\"image\":\"nginx\"}]}");

    assertThat(parsed.unknownFields()).isEmpty();
    assertThat(parsed.value().rollbackOnFailure()).isTrue();
    String written = ModelCodec.json().write(parsed.value());
    assertThat(written).contains("\"rollback_on_failure\" : true");
    assertThat(ModelCodec.json().readApplication(written).value()).isEqualTo(parsed.value());
    assertThat(ModelCodec.yaml().readApplication(ModelCodec.yaml().write(parsed.value())).value())
        .isEqualTo(parsed.value());
  }

  @Test
  void unknownFieldsAreReportedWithTheirPath() {
    Parsed<Application> parsed =
        ModelCodec.json()
            .readApplication(
                "{\"name\":\"app\",\"colour\":1,\"component\":[{\"name\":\"w\",\"size\":{\"a\":[1]}}]}");

    assertThat(parsed.unknownFields()).containsExactly("colour", "component[0].size");
  }

  @Test
  void wrongTypeNamesFieldLineAndColumn() {
    assertThatThrownBy(
            () ->
                ModelCodec.json()
                    .readApplication(
                        "{\"name\":\"app\",\n\"component\":[{\"replicas\":\"many\"}]}"))
        .isInstanceOf(ModelParseException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("component[0].replicas");
  }

  @Test
  void malformedJsonIsAParseError() {
    assertThatThrownBy(() -> ModelCodec.json().readApplication("{\"name\": "))
        .isInstanceOf(ModelParseException.class)
        .hasMessageStartingWith("line 1");
  }
}
