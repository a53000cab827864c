package io.kubemin.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traits of a component, init container or sidecar. Keys that are not built-in traits are kept
 * in {@link #custom()} for custom {@code TraitProcessor}s.
 *
 * @param storage volumes
 * @param envFrom ConfigMaps/Secrets imported as environment
 * @param envs single environment variables with value sources
 * @param resources compute resources
 * @param probes health probes
 * @param rbac ServiceAccounts and roles
 * @param init init containers
 * @param sidecar sidecar containers
 * @param ingress ingresses
 * @param share sharing between applications
 * @param custom trait keys with no built-in meaning, by key, in document order
 */
@JsonDeserialize(builder = Traits.Builder.class)
public record Traits(
    List<StorageTrait> storage,
    List<EnvFromTrait> envFrom,
    List<EnvTrait> envs,
    ResourcesTrait resources,
    List<ProbeTrait> probes,
    List<RbacTrait> rbac,
    List<InitTrait> init,
    List<SidecarTrait> sidecar,
    List<IngressTrait> ingress,
    ShareTrait share,
    @JsonAnyGetter Map<String, JsonNode> custom) {

  /** No traits at all. */
  public static final Traits EMPTY = builder().build();

  public Traits {
    storage = Immutables.list(storage);
    envFrom = Immutables.list(envFrom);
    envs = Immutables.list(envs);
    probes = Immutables.list(probes);
    rbac = Immutables.list(rbac);
    init = Immutables.list(init);
    sidecar = Immutables.list(sidecar);
    ingress = Immutables.list(ingress);
    custom = Immutables.map(custom);
  }

  /** Whether no trait is set. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /** A builder with no traits set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Traits}; also the JSON entry point, collecting custom trait keys. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private List<StorageTrait> storage;
    private List<EnvFromTrait> envFrom;
    private List<EnvTrait> envs;
    private ResourcesTrait resources;
    private List<ProbeTrait> probes;
    private List<RbacTrait> rbac;
    private List<InitTrait> init;
    private List<SidecarTrait> sidecar;
    private List<IngressTrait> ingress;
    private ShareTrait share;
    private final Map<String, JsonNode> custom = new LinkedHashMap<>();

    private Builder() {}

    /** Sets {@link Traits#storage()}. */
    public Builder storage(List<StorageTrait> storage) {
      this.storage = storage;
      return this;
    }

    /** Sets {@link Traits#envFrom()}. */
    public Builder envFrom(List<EnvFromTrait> envFrom) {
      this.envFrom = envFrom;
      return this;
    }

    /** Sets {@link Traits#envs()}. */
    public Builder envs(List<EnvTrait> envs) {
      this.envs = envs;
      return this;
    }

    /** Sets {@link Traits#resources()}. */
    public Builder resources(ResourcesTrait resources) {
      this.resources = resources;
      return this;
    }

    /** Sets {@link Traits#probes()}. */
    public Builder probes(List<ProbeTrait> probes) {
      this.probes = probes;
      return this;
    }

    /** Sets {@link Traits#rbac()}. */
    public Builder rbac(List<RbacTrait> rbac) {
      this.rbac = rbac;
      return this;
    }

    /** Sets {@link Traits#init()}. */
    public Builder init(List<InitTrait> init) {
      this.init = init;
      return this;
    }

    /** Sets {@link Traits#sidecar()}. */
    public Builder sidecar(List<SidecarTrait> sidecar) {
      this.sidecar = sidecar;
      return this;
    }

    /** Sets {@link Traits#ingress()}. */
    public Builder ingress(List<IngressTrait> ingress) {
      this.ingress = ingress;
      return this;
    }

    /** Sets {@link Traits#share()}. */
    public Builder share(ShareTrait share) {
      this.share = share;
      return this;
    }

    /** Adds a custom trait, keyed by the name its {@code TraitProcessor} answers to. */
    @JsonAnySetter
    public Builder custom(String key, JsonNode spec) {
      if (spec != null && !spec.isNull()) {
        custom.put(key, spec);
      }
      return this;
    }

    /** The Traits with the values set so far. */
    public Traits build() {
      return new Traits(
          storage, envFrom, envs, resources, probes, rbac, init, sidecar, ingress, share, custom);
    }
  }
}
