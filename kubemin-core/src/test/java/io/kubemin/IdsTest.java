package io.kubemin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreTwentyFourLowerCaseLettersAndDigits() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(Ids.newId()).hasSize(Ids.LENGTH).matches("[a-z0-9]{24}");
    }
  }

  @Test
  void idsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(Ids.newId())).isTrue();
    }
  }

  @Test
  void everyCharacterOfTheAlphabetAppearsInEveryPosition() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String id = Ids.newId();
      for (int position = 0; position < id.length(); position++) {
        seen.add(position + ":" + id.charAt(position));
      }
    }
    assertThat(seen).hasSize(Ids.LENGTH * 36);
  }
}
