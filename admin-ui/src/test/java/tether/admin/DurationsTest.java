package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"200ms, PT0.2S", "30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "2d, PT48H", "PT5M, PT5M", "pt10s, PT10S"})
  void readsBothForms(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m", "5 m", "1h 30m", "5M", "1.5s", "-5m", "P", "PT", "5mx", "9999999999s"})
  void refusesAnythingElse(String text) {
    assertThat(Durations.parse(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"PT5M, 5m", "PT1H30M, 1h30m", "PT0.2S, 200ms", "PT168H, 168h"})
  void showsDurationsAsTyped(String iso, String shown) {
    assertThat(Durations.show(Duration.parse(iso))).isEqualTo(shown);
  }
}
