package tether.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The control header's little language. */
class DirectiveTest {

  @Test
  void statesAndWeightsAreReadInAnyCaseSeparatedBySpacesOrCommas() {
    assertThat(ControlHeader.parse("drain")).isEqualTo(new Directive(AgentState.DRAIN, null));
    assertThat(ControlHeader.parse("MAINTENANCE")).isEqualTo(new Directive(AgentState.MAINTENANCE, null));
    assertThat(ControlHeader.parse("Maint")).isEqualTo(new Directive(AgentState.MAINTENANCE, null));
    assertThat(ControlHeader.parse(" ready,  75% ")).isEqualTo(new Directive(AgentState.READY, 75));
    assertThat(ControlHeader.parse("0%,drain")).isEqualTo(new Directive(AgentState.DRAIN, 0));
    assertThat(ControlHeader.parse("100%")).isEqualTo(new Directive(null, 100));
  }

  @Test
  void theLastTokenOfAKindCounts() {
    assertThat(ControlHeader.parse("drain ready 10% 20%")).isEqualTo(new Directive(AgentState.READY, 20));
  }

  @Test
  void unknownTokensAndWeightsOutOfRangeAreIgnored() {
    assertThat(ControlHeader.parse("up, 101%, 5.5%, -1%, %, drain")).isEqualTo(new Directive(AgentState.DRAIN, null));
    assertThat(ControlHeader.parse("up 101%")).isNull();
    assertThat(ControlHeader.parse("")).isNull();
    assertThat(ControlHeader.parse(" , ")).isNull();
    assertThat(ControlHeader.parse(null)).isNull();
  }

  @Test
  void aDirectiveSaysSomethingAndItsWeightIsAPercentage() {
    assertThatThrownBy(() -> new Directive(null, null))
        .hasMessage("directive: empty (expected: a state, a weight or both)");
    assertThatThrownBy(() -> new Directive(AgentState.READY, 101))
        .hasMessage("weightPercent: 101 (expected: 0..100)");
  }
}
