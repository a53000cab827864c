package io.kubemin.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamingTest {
  private static final String APP_ID = "k7y2m9q4z1x8c3v6b5n0a2s4";

  @Test
  void objectNamesFollowPrefixComponentAppId() {
    assertThat(Naming.deployment("Web App", APP_ID)).isEqualTo("deploy-webapp-" + APP_ID);
    assertThat(Naming.statefulSet("db", APP_ID)).isEqualTo("store-db-" + APP_ID);
    assertThat(Naming.service("db", APP_ID)).isEqualTo("svc-db-" + APP_ID);
    assertThat(Naming.headlessService("db", APP_ID)).isEqualTo("svc-db-" + APP_ID + "-headless");
    assertThat(Naming.ingress("web-ingress", APP_ID)).isEqualTo("ing-web-ingress-" + APP_ID);
    assertThat(Naming.resource("svc", "", "")).isEqualTo("svc-component-app");
  }

  @Test
  void tooLongNamesKeepTheirStartAndEndInAHashSoTheyStayDistinct() {
    String longA = "a".repeat(50) + "-one";
    String longB = "a".repeat(50) + "-two";

    String nameA = Naming.deployment(longA, APP_ID);
    String nameB = Naming.deployment(longB, APP_ID);

    assertThat(nameA).hasSizeLessThanOrEqualTo(63).startsWith("deploy-aaaa").isNotEqualTo(nameB);
    assertThat(nameB).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(Naming.deployment(longA, APP_ID)).isEqualTo(nameA);
  }

  @Test
  void headlessNameKeepsItsSuffixWhenTruncated() {
    String name = Naming.headlessService("b".repeat(63), APP_ID);

    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-headless");
    assertThat(name).isNotEqualTo(Naming.service("b".repeat(63), APP_ID));
  }

  @Test
  void dnsLabelLowersReplacesAndTrims() {
    assertThat(Naming.dnsLabel("My_App..Name-", "x")).isEqualTo("my-app-name");
    assertThat(Naming.dnsLabel("___", "fallback")).isEqualTo("fallback");
    assertThat(Naming.dnsLabel(null, "fallback")).isEqualTo("fallback");
  }

  @Test
  void servicePortNamesFitFifteenCharacters() {
    assertThat(Naming.servicePort("web", 8080)).isEqualTo("web-8080");
    assertThat(Naming.servicePort("a-long-component", 8080)).isEqualTo("p-8080");
    assertThat(Naming.servicePort("123", 80)).isEqualTo("p-80");
  }

  @Test
  void defaultContainerNamesAreNumberedNotRandom() {
    assertThat(Naming.initContainer("Web", 1)).isEqualTo("web-init-1");
    assertThat(Naming.sidecarContainer("web", 2)).isEqualTo("web-sidecar-2");
    assertThat(Naming.mainContainer("Web App")).isEqualTo("web-app");
  }

  @Test
  void stableIdsAre24LowerAlphanumericsAndRepeatable() {
    String id = Naming.stableId("default/shop");

    assertThat(id).hasSize(24).matches("[a-z0-9]{24}");
    assertThat(Naming.stableId("default/shop")).isEqualTo(id);
    assertThat(Naming.stableId("default/shop2")).isNotEqualTo(id);
    assertThat(Naming.applicationId("default", "shop")).isEqualTo(id);
  }
}
