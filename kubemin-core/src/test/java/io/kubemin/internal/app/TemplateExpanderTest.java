package io.kubemin.internal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.TemplateException;
import io.kubemin.TemplateNotEnabledException;
import io.kubemin.TemplateNotFoundException;
import io.kubemin.TemplateTargetNotFoundException;
import io.kubemin.TemplateWithoutComponentsException;
import io.kubemin.error.ValidationError;
import io.kubemin.internal.plan.StoredApplication;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.ShareTrait;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.validation.ValidationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateExpanderTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TEMPLATE = "tmpl00000000000000000001";

  private final Map<String, StoredApplication> store = new HashMap<>();

  private static Application read(String json) {
    return ModelCodec.json().readApplication(json).value();
  }

  /** Stores the application as a template (or not) under the id; components keep their order. */
  private void store(String id, boolean tmpEnable, Application app) {
    ApplicationRecord record =
        new ApplicationRecord(
            id,
            app.name(),
            app.namespace(),
            "1.0.0",
            null,
            null,
            null,
            null,
            tmpEnable,
            false,
            NOW,
            NOW);
    List<ComponentRecord> components = new ArrayList<>();
    for (int i = 0; i < app.components().size(); i++) {
      components.add(
          new ComponentRecord(
              "c" + i, id, i, app.components().get(i), ComponentStatus.UNKNOWN, 0, NOW, NOW));
    }
    store.put(id, new StoredApplication(record, components));
  }

  private TemplateExpansion expand(String json) {
    return TemplateExpander.expand(read(json), id -> Optional.ofNullable(store.get(id)));
  }

  private void storeMysqlTemplate() {
    store(
        TEMPLATE,
        true,
        read(
            """
            {"name":"tmpl-mysql","namespace":"tmpl","component":[
              {"name":"mysql","type":"store","image":"mysql:8.0","replicas":2,
               "properties":{"env":{"A":"1","B":"2"},"ports":[{"port":3306}]},
               "traits":{
                 "storage":[{"name":"data","type":"persistent","tmp_create":true,"mount_path":"/d"},
                            {"name":"mysql-logs","type":"persistent","mount_path":"/l"},
                            {"name":"conf-vol","type":"config","source_name":"mysql-conf",
                             "mount_path":"/c"},
                            {"name":"old","type":"persistent","claim_name":"tem-mysql",
                             "mount_path":"/o"}],
                 "env_from":[{"type":"config","source_name":"mysql-conf"}],
                 "envs":[{"name":"PW","value_from":{"secret":{"name":"mysql-secret","key":"pw"}}}],
                 "rbac":[{"service_account":"mysql","namespace":"other","rules":[{"verbs":["get"]}]}],
                 "init":[{"name":"mysql","image":"busybox",
                          "traits":{"storage":[{"name":"data","type":"persistent","mount_path":"/d"}]}}],
                 "sidecar":[{"image":"exporter"}]}},
              {"name":"mysql-conf","type":"config","properties":{"conf":{"k":"v"}}},
              {"name":"mysql-secret","type":"secret","properties":{"secret":{"pw":"x","user":"u"}}},
              {"name":"web","type":"webservice","image":"nginx","properties":{"ports":[{"port":80}]},
               "traits":{"ingress":[{"name":"web","routes":[
                  {"path":"/","backend":{"service_name":"web"}},
                  {"path":"/db","backend":{"service_name":"tem-mysql"}},
                  {"path":"/x","backend":{"service_name":"elsewhere"}}]}]}}]}
            """));
  }

  @Test
  void aRequestWithoutTemplateReferencesIsUnchanged() {
    Application request =
        read("{\"name\":\"shop\",\"component\":[{\"name\":\"web\",\"type\":\"webservice\"}]}");

    TemplateExpansion expansion = TemplateExpander.expand(request, id -> Optional.empty());

    assertThat(expansion.application()).isSameAs(request);
  }

  @Test
  void everyTemplateComponentIsClonedAfterThePlainOnesWithItsNewName() {
    storeMysqlTemplate();

    Application app =
        expand(
                """
                {"name":"tenant-a","namespace":"ns-a","component":[
                  {"name":"tenant-db","image":"ignored","replicas":9,
                   "template":{"id":"%s","target":"mysql"},
                   "properties":{"env":{"B":"3","C":"4"},"secret":{"not":"applied"}}},
                  {"name":"tenant-secret","type":"secret","template":{"id":"%s"},
                   "properties":{"secret":{"pw":"y"}}},
                  {"name":"extra","type":"config","properties":{"conf":{"a":"b"}}}]}
                """
                    .formatted(TEMPLATE, TEMPLATE))
            .application();

    assertThat(app.components())
        .extracting(Component::name)
        .containsExactly("extra", "tenant-db", "tenant-a-conf", "tenant-secret", "tenant-a-web");
    assertThat(app.components()).allSatisfy(c -> assertThat(c.template()).isNull());
    Component db = app.component("tenant-db").orElseThrow();
    assertThat(db.type()).isEqualTo("store");
    assertThat(db.image()).isEqualTo("mysql:8.0");
    assertThat(db.replicas()).isEqualTo(2);
    assertThat(db.namespace()).isEqualTo("ns-a");
    assertThat(db.properties().env())
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "3"), Map.entry("C", "4"));
    assertThat(db.properties().secret()).isEmpty();
    assertThat(app.component("tenant-secret").orElseThrow().properties().secret())
        .containsExactly(Map.entry("pw", "y"), Map.entry("user", "u"));
  }

  @Test
  void namesInTheTraitsFollowTheClones() {
    storeMysqlTemplate();

    Application app =
        expand(
                """
                {"name":"tenant-a","namespace":"ns-a","component":[
                  {"name":"tenant-db","template":{"id":"%s","target":"tem-mysql"}}]}
                """
                    .formatted(TEMPLATE))
            .application();

    Traits db = app.component("tenant-db").orElseThrow().traits();
    assertThat(db.storage())
        .extracting(StorageTrait::name, StorageTrait::sourceName, StorageTrait::claimName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tenant-a-data", null, null),
            org.assertj.core.groups.Tuple.tuple("tenant-db-logs", null, null),
            org.assertj.core.groups.Tuple.tuple("conf-vol", "tenant-a-conf", null),
            org.assertj.core.groups.Tuple.tuple("tenant-a-old", null, "tenant-db"));
    assertThat(db.envFrom().get(0).sourceName()).isEqualTo("tenant-a-conf");
    assertThat(db.envs().get(0).valueFrom().secret().name()).isEqualTo("tenant-a-secret");
    assertThat(db.rbac().get(0).serviceAccount()).isEqualTo("mysql");
    assertThat(db.rbac().get(0).namespace()).isEqualTo("ns-a");
    assertThat(db.init().get(0).name()).isEqualTo("tenant-db-init-1");
    assertThat(db.init().get(0).traits().storage().get(0).name()).isEqualTo("tenant-a-data");
    assertThat(db.sidecar().get(0).name()).isNull();
    var ingress = app.component("tenant-a-web").orElseThrow().traits().ingress().get(0);
    assertThat(ingress.name()).isEqualTo("tenant-a-web");
    assertThat(ingress.routes())
        .extracting(r -> r.backend().serviceName())
        .containsExactly("tenant-a-web", "tenant-db", "elsewhere");
  }

  @Test
  void withAShareTraitTheClonesKeepTheTemplateNamesAndAllShare() {
    storeMysqlTemplate();

    Application app =
        expand(
                """
                {"name":"tenant-a","component":[
                  {"name":"ignored","template":{"id":"%s"},"traits":{"share":{"strategy":"ignore"}}}]}
                """
                    .formatted(TEMPLATE))
            .application();

    assertThat(app.components())
        .extracting(Component::name)
        .containsExactly("mysql", "mysql-conf", "mysql-secret", "web");
    assertThat(app.components())
        .allSatisfy(c -> assertThat(c.traits().share()).isEqualTo(new ShareTrait("ignore")));
    assertThat(app.component("mysql").orElseThrow().traits().storage())
        .extracting(StorageTrait::name)
        .containsExactly("data", "mysql-logs", "conf-vol", "old");
  }

  @Test
  void typedEntriesAreMatchedBeforeUntypedOnesAndATemplateIsClonedOnce() {
    storeMysqlTemplate();

    Application app =
        expand(
                """
                {"name":"t","component":[
                  {"name":"any","template":{"id":"%1$s"}},
                  {"name":"front","type":"webservice","template":{"id":"%1$s"}},
                  {"name":"settings","type":"config","template":{"id":"%1$s"}}]}
                """
                    .formatted(TEMPLATE))
            .application();

    assertThat(app.components())
        .extracting(Component::name, Component::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("any", "store"),
            org.assertj.core.groups.Tuple.tuple("settings", "config"),
            org.assertj.core.groups.Tuple.tuple("t-secret", "secret"),
            org.assertj.core.groups.Tuple.tuple("front", "webservice"));
  }

  @Test
  void anUnknownTemplateIsNotFound() {
    assertThatThrownBy(() -> expand(request("nosuchtemplate", "mysql", null)))
        .isInstanceOfSatisfying(
            TemplateNotFoundException.class, e -> assertCodes(e, 404, 10005, "nosuchtemplate"));
  }

  @Test
  void anApplicationWithoutTmpEnableIsNoTemplate() {
    store(TEMPLATE, false, read("{\"name\":\"plain\",\"component\":[{\"name\":\"a\"}]}"));

    assertThatThrownBy(() -> expand(request(TEMPLATE, null, null)))
        .isInstanceOfSatisfying(
            TemplateNotEnabledException.class, e -> assertCodes(e, 400, 10007, TEMPLATE));
  }

  @Test
  void aTemplateWithoutComponentsCannotBeCloned() {
    store(TEMPLATE, true, read("{\"name\":\"empty\"}"));

    assertThatThrownBy(() -> expand(request(TEMPLATE, null, null)))
        .isInstanceOfSatisfying(
            TemplateWithoutComponentsException.class, e -> assertCodes(e, 400, 10008, TEMPLATE));
  }

  @Test
  void anEntryThatMatchesNoTemplateComponentIsRefused() {
    storeMysqlTemplate();

    assertTargetNotFound(request(TEMPLATE, "redis", null), "the template has no component 'redis'");
    assertTargetNotFound(
        request(TEMPLATE, "mysql", "webservice"),
        "its target 'mysql' is a store component, not a webservice");
    assertTargetNotFound(
        """
        {"name":"t","component":[{"name":"a","template":{"id":"%1$s","target":"web"}},
                                 {"name":"b","template":{"id":"%1$s","target":"web"}}]}
        """
            .formatted(TEMPLATE),
        "template component 'web' is already the target of component 'a'");
    assertTargetNotFound(
        """
        {"name":"t","component":[{"name":"a","type":"secret","template":{"id":"%1$s"}},
                                 {"name":"b","type":"secret","template":{"id":"%1$s"}}]}
        """
            .formatted(TEMPLATE),
        "no unmatched secret component is left in the template");
  }

  @Test
  void validationErrorsOfClonesPointAtTheRequestEntry() {
    storeMysqlTemplate();
    TemplateExpansion expansion =
        expand(
            """
            {"name":"t","component":[{"name":"db","template":{"id":"%s","target":"mysql"}},
                                     {"name":"own","type":"config"}]}
            """
                .formatted(TEMPLATE));
    ValidationResult found =
        new ValidationResult(
            List.of(
                new ValidationError("component[0].name", "X", "own error"),
                new ValidationError("component[1].traits.storage[0].name", "Y", "clone error"),
                new ValidationError("component[3].image", "Z", "unmatched clone error"),
                new ValidationError("workflow[0].name", "W", "workflow error")),
            List.of());

    assertThat(expansion.relocate(found).errors())
        .extracting(ValidationError::field, ValidationError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("component[1].name", "own error"),
            org.assertj.core.groups.Tuple.tuple(
                "component[0].traits.storage[0].name",
                "clone error (in the clone of component 'mysql' of template '" + TEMPLATE + "')"),
            org.assertj.core.groups.Tuple.tuple(
                "component[0].image",
                "unmatched clone error (in the clone of component 'mysql-secret' of template '"
                    + TEMPLATE
                    + "')"),
            org.assertj.core.groups.Tuple.tuple("workflow[0].name", "workflow error"));
  }

  private static String request(String templateId, String target, String type) {
    return """
        {"name":"t","component":[{"name":"db",%s"template":{"id":"%s"%s}}]}
        """
        .formatted(
            type == null ? "" : "\"type\":\"" + type + "\",",
            templateId,
            target == null ? "" : ",\"target\":\"" + target + "\"");
  }

  private void assertTargetNotFound(String json, String problem) {
    assertThatThrownBy(() -> expand(json))
        .isInstanceOfSatisfying(
            TemplateTargetNotFoundException.class,
            e -> {
              assertCodes(e, 400, 10010, TEMPLATE);
              assertThat(e.getMessage()).endsWith(problem);
            });
  }

  private static void assertCodes(
      TemplateException e, int httpStatus, int businessCode, String templateId) {
    assertThat(e.httpStatus()).isEqualTo(httpStatus);
    assertThat(e.businessCode()).isEqualTo(businessCode);
    assertThat(e.templateId()).isEqualTo(templateId);
  }
}
