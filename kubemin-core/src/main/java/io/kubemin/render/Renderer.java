package io.kubemin.render;

import io.kubemin.error.RenderException;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentType;
import io.kubemin.render.internal.ComponentRenderer;
import io.kubemin.spi.RenderedObject;
import io.kubemin.trait.Policy;
import io.kubemin.trait.TraitProcessor;
import io.kubemin.trait.internal.BuiltInTraits;
import io.kubemin.trait.internal.PolicyRunner;
import io.kubemin.trait.internal.TraitPipeline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders applications into Kubernetes objects: pure, deterministic, no cluster needed. Immutable
 * and thread-safe (as long as the custom trait processors are).
 *
 * <pre>{@code
 * Renderer renderer = Renderer.builder().traitProcessor(new GpuPoolTrait()).build();
 * RenderedApplication rendered = renderer.render(application, appId);
 * rendered.objects().forEach(o -> apply(o.object()));
 * }</pre>
 *
 * <p>Rendering does not validate the application (use {@code io.kubemin.validation.Validator}
 * first); what it cannot render it reports as a {@link RenderException}.
 */
public final class Renderer {
  private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);
  private static final int MAX_LABEL_LENGTH = 63;

  private final Map<String, TraitProcessor> customProcessors;
  private final List<Policy> policies;
  private final Map<String, ComponentTypeRenderer> customTypes;
  private final ComponentRenderer components;

  private Renderer(
      Map<String, TraitProcessor> customProcessors,
      List<Policy> policies,
      Map<String, ComponentTypeRenderer> customTypes) {
    this.customProcessors = customProcessors;
    this.policies = policies;
    this.customTypes = customTypes;
    this.components =
        new ComponentRenderer(
            new TraitPipeline(customProcessors), new PolicyRunner(policies), customTypes);
  }

  /** A builder; by default it also discovers trait processors with {@link ServiceLoader}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Renders with an id derived from the application's namespace and name. */
  public RenderedApplication render(Application application) {
    return render(application, null, Map.of());
  }

  /**
   * Renders the application.
   *
   * @param application the application
   * @param appId the id in names and labels; null derives a stable one from namespace and name
   *     ({@link Naming#applicationId})
   * @throws RenderException when a component or trait cannot be rendered
   * @throws IllegalArgumentException when {@code appId} is not a DNS-1123 label
   */
  public RenderedApplication render(Application application, String appId) {
    return render(application, appId, Map.of());
  }

  /**
   * Renders the application with stored component ids.
   *
   * @param application the application
   * @param appId the id in names and labels; null derives a stable one from namespace and name
   * @param componentIds component name to stored id, for the {@code kube-min-cli-componentId}
   *     label; components not in the map get an id derived from {@code appId} and their name
   * @throws RenderException when a component or trait cannot be rendered
   * @throws IllegalArgumentException when {@code appId} is not a DNS-1123 label
   */
  public RenderedApplication render(
      Application application, String appId, Map<String, String> componentIds) {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(componentIds, "componentIds");
    String id = appId != null ? appId : derivedAppId(application);
    if (!isDnsLabel(id)) {
      throw new IllegalArgumentException(
          "appId '" + id + "' must be a DNS-1123 label (lower-case letters, digits, '-')");
    }
    Map<String, List<RenderedObject>> byComponent = new LinkedHashMap<>();
    List<Component> list = application.components();
    for (int i = 0; i < list.size(); i++) {
      Component component = list.get(i);
      if (component.name() == null || component.name().isBlank()) {
        throw new RenderException("component[" + i + "]", "name", "is required");
      }
      // The derived id is a SHA-256: only worked out for a component the map does not name.
      String componentId = componentIds.get(component.name());
      if (componentId == null && !componentIds.containsKey(component.name())) {
        componentId = Naming.componentId(id, component.name());
      }
      byComponent.put(component.name(), components.render(application, component, id, componentId));
    }
    return new RenderedApplication(id, application.namespace(), byComponent);
  }

  /** The custom trait processors by trait name, in registration order. */
  public Map<String, TraitProcessor> customTraitProcessors() {
    return customProcessors;
  }

  /** The component types of plugins by type name, in registration order. */
  public Map<String, ComponentTypeRenderer> customComponentTypes() {
    return customTypes;
  }

  /** Names of the policies this renderer runs on every component, in the order they run. */
  public List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }

  /** Names of the custom traits this renderer applies, in registration order. */
  public Set<String> customTraitNames() {
    return customProcessors.keySet();
  }

  /**
   * Whether the id matches {@code [a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?}; checked by hand because
   * every task's plan renders, and a regular expression costs more than the rest of the check.
   */
  private static boolean isDnsLabel(String id) {
    int length = id.length();
    if (length == 0 || length > MAX_LABEL_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (c != '-' || i == 0 || i == length - 1)) {
        return false;
      }
    }
    return true;
  }

  private static String derivedAppId(Application application) {
    if (application.name() == null || application.name().isBlank()) {
      throw new IllegalArgumentException("an application without a name needs an explicit appId");
    }
    return Naming.applicationId(application.namespace(), application.name());
  }

  /** Builds a {@link Renderer}. */
  public static final class Builder {
    private final List<TraitProcessor> explicit = new ArrayList<>();
    private final List<Policy> explicitPolicies = new ArrayList<>();
    private final List<ComponentTypeRenderer> explicitTypes = new ArrayList<>();
    private boolean discover = true;
    private ClassLoader classLoader;

    private Builder() {}

    /**
     * Adds custom trait processors; they run after the built-in ones, in the order added, and win
     * over discovered processors of the same name.
     */
    public Builder traitProcessor(TraitProcessor... processors) {
      for (TraitProcessor processor : processors) {
        explicit.add(Objects.requireNonNull(processor, "processor"));
      }
      return this;
    }

    /** Adds custom trait processors, as {@link #traitProcessor(TraitProcessor...)}. */
    public Builder traitProcessors(Collection<? extends TraitProcessor> processors) {
      processors.forEach(this::traitProcessor);
      return this;
    }

    /**
     * Adds policies; they run on every component after its traits, in the order added, before the
     * discovered ones.
     */
    public Builder policy(Policy... policies) {
      for (Policy policy : policies) {
        explicitPolicies.add(Objects.requireNonNull(policy, "policy"));
      }
      return this;
    }

    /**
     * Adds component types of plugins; they win over discovered types of the same name.
     *
     * @throws IllegalArgumentException at {@link #build()} when a type claims a built-in name
     */
    public Builder componentType(ComponentTypeRenderer... types) {
      for (ComponentTypeRenderer type : types) {
        explicitTypes.add(Objects.requireNonNull(type, "componentType"));
      }
      return this;
    }

    /** Adds component types, as {@link #componentType(ComponentTypeRenderer...)}. */
    public Builder componentTypes(Collection<? extends ComponentTypeRenderer> types) {
      types.forEach(this::componentType);
      return this;
    }

    /** Adds policies, as {@link #policy(Policy...)}. */
    public Builder policies(Collection<? extends Policy> policies) {
      policies.forEach(this::policy);
      return this;
    }

    /**
     * Whether to find more trait processors, policies and component types with {@link
     * ServiceLoader} (default true).
     */
    public Builder discoverTraitProcessors(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** The class loader for discovery (default: the thread's context class loader). */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * The renderer.
     *
     * @throws IllegalArgumentException when a processor claims a built-in trait name, two explicit
     *     processors share a name, or two discovered ones do
     */
    public Renderer build() {
      Map<String, TraitProcessor> processors = new LinkedHashMap<>();
      for (TraitProcessor processor : explicit) {
        register(processors, processor, "registered");
      }
      if (discover) {
        Map<String, TraitProcessor> discovered = new LinkedHashMap<>();
        for (TraitProcessor processor : ServiceLoader.load(TraitProcessor.class, loader())) {
          register(discovered, processor, "discovered");
        }
        discovered.forEach(processors::putIfAbsent);
      }
      List<Policy> policies = policies();
      Map<String, ComponentTypeRenderer> types = componentTypes();
      LOG.debug(
          "renderer with custom traits {}, component types {} and policies {}",
          processors.keySet(),
          types.keySet(),
          policies.stream().map(Policy::name).toList());
      return new Renderer(
          java.util.Collections.unmodifiableMap(processors),
          policies,
          java.util.Collections.unmodifiableMap(types));
    }

    private Map<String, ComponentTypeRenderer> componentTypes() {
      Map<String, ComponentTypeRenderer> types = new LinkedHashMap<>();
      for (ComponentTypeRenderer type : explicitTypes) {
        registerType(types, type, "registered");
      }
      if (discover) {
        Map<String, ComponentTypeRenderer> discovered = new LinkedHashMap<>();
        for (ComponentTypeRenderer type :
            ServiceLoader.load(ComponentTypeRenderer.class, loader())) {
          registerType(discovered, type, "discovered");
        }
        discovered.forEach(types::putIfAbsent);
      }
      return types;
    }

    private static void registerType(
        Map<String, ComponentTypeRenderer> types, ComponentTypeRenderer type, String how) {
      String name = type.type();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(type.getClass().getName() + " has no type name");
      }
      if (ComponentType.fromJsonName(name).isPresent()) {
        throw new IllegalArgumentException(
            type.getClass().getName() + " claims the built-in component type '" + name + "'");
      }
      ComponentTypeRenderer previous = types.putIfAbsent(name, type);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two "
                + how
                + " component types named '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + type.getClass().getName());
      }
    }

    private List<Policy> policies() {
      Map<String, Policy> byName = new LinkedHashMap<>();
      for (Policy policy : explicitPolicies) {
        registerPolicy(byName, policy, "registered");
      }
      if (discover) {
        Map<String, Policy> discovered = new LinkedHashMap<>();
        for (Policy policy : ServiceLoader.load(Policy.class, loader())) {
          registerPolicy(discovered, policy, "discovered");
        }
        discovered.forEach(byName::putIfAbsent);
      }
      return List.copyOf(byName.values());
    }

    private static void registerPolicy(Map<String, Policy> policies, Policy policy, String how) {
      String name = policy.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(policy.getClass().getName() + " has no policy name");
      }
      Policy previous = policies.putIfAbsent(name, policy);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two "
                + how
                + " policies named '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + policy.getClass().getName());
      }
    }

    private ClassLoader loader() {
      if (classLoader != null) {
        return classLoader;
      }
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : Renderer.class.getClassLoader();
    }

    private static void register(
        Map<String, TraitProcessor> processors, TraitProcessor processor, String how) {
      String name = processor.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(processor.getClass().getName() + " has no trait name");
      }
      if (BuiltInTraits.NAMES.contains(name)) {
        throw new IllegalArgumentException(
            processor.getClass().getName() + " claims the built-in trait '" + name + "'");
      }
      TraitProcessor previous = processors.putIfAbsent(name, processor);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two "
                + how
                + " processors for trait '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + processor.getClass().getName());
      }
    }
  }
}
