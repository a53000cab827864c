package io.kubemin.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.spi.DataStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The group-commit wrapper stands in for the host's store inside the engine: every store method,
 * default ones included, must reach the store (a default run on the wrapper would, for example,
 * turn retention off or skip the application lock on MySQL).
 */
class GroupCommitStoreDelegationTest {

  @Test
  void everyDataStoreMethodIsOverriddenByTheWrapper() {
    List<String> missing =
        Arrays.stream(DataStore.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !overridden(m))
            .map(Method::getName)
            .toList();

    assertThat(missing).as("DataStore methods GroupCommitStore does not pass on").isEmpty();
  }

  private static boolean overridden(Method method) {
    try {
      return GroupCommitStore.class
              .getDeclaredMethod(method.getName(), method.getParameterTypes())
              .getDeclaringClass()
          == GroupCommitStore.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
