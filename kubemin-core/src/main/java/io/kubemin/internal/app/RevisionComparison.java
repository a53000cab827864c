package io.kubemin.internal.app;

import io.kubemin.RevisionDiff;
import io.kubemin.model.Component;
import io.kubemin.model.Step;
import io.kubemin.model.Traits;
import io.kubemin.spi.RevisionRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Compares two revisions by component, trait kind and workflow step names. */
final class RevisionComparison {
  private RevisionComparison() {}

  static RevisionDiff compare(RevisionRecord from, RevisionRecord to) {
    Map<String, Component> before = byName(from.components(), Component::name);
    Map<String, Component> after = byName(to.components(), Component::name);
    Map<String, List<String>> traits = new LinkedHashMap<>();
    List<String> changed = changed(before, after);
    for (String name : changed) {
      List<String> kinds = traitKinds(before.get(name).traits(), after.get(name).traits());
      if (!kinds.isEmpty()) {
        traits.put(name, kinds);
      }
    }
    Map<String, Step> stepsBefore = byName(from.workflow(), Step::name);
    Map<String, Step> stepsAfter = byName(to.workflow(), Step::name);
    return new RevisionDiff(
        from.appId(),
        from.number(),
        to.number(),
        from.version(),
        to.version(),
        missing(after, before),
        missing(before, after),
        changed,
        traits,
        missing(stepsAfter, stepsBefore),
        missing(stepsBefore, stepsAfter),
        changed(stepsBefore, stepsAfter));
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(name.apply(i), i));
    return map;
  }

  /** Names in {@code in} that {@code notIn} lacks, in order. */
  private static List<String> missing(Map<String, ?> in, Map<String, ?> notIn) {
    return in.keySet().stream().filter(n -> !notIn.containsKey(n)).toList();
  }

  private static List<String> changed(Map<String, ?> before, Map<String, ?> after) {
    return after.keySet().stream()
        .filter(n -> before.containsKey(n) && !Objects.equals(before.get(n), after.get(n)))
        .toList();
  }

  /** The trait kinds (record components of {@link Traits}, custom ones by name) that differ. */
  static List<String> traitKinds(Traits before, Traits after) {
    Traits a = before == null ? Traits.EMPTY : before;
    Traits b = after == null ? Traits.EMPTY : after;
    List<String> kinds = new ArrayList<>();
    for (RecordComponent part : Traits.class.getRecordComponents()) {
      if (part.getName().equals("custom")) {
        continue;
      }
      if (!Objects.equals(value(part, a), value(part, b))) {
        kinds.add(part.getName());
      }
    }
    java.util.Set<String> custom = new java.util.TreeSet<>(a.custom().keySet());
    custom.addAll(b.custom().keySet());
    custom.stream()
        .filter(k -> !Objects.equals(a.custom().get(k), b.custom().get(k)))
        .forEach(kinds::add);
    return kinds;
  }

  private static Object value(RecordComponent part, Traits traits) {
    try {
      return part.getAccessor().invoke(traits);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read trait " + part.getName(), e);
    }
  }
}
