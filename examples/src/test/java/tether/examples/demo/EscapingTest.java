package tether.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EscapingTest {

  @Test
  void htmlEscapesMarkupAndQuotes() {
    assertThat(Pages.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    assertThat(SessionView.jsonString("a\"b\\c\nd\te\u0001<\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u003c\\u2028\"");
  }

  @Test
  void sessionViewWritesNullUserAsJsonNull() {
    assertThat(new SessionView("app1", "ID.app1", 3, null).toJson())
        .isEqualTo("{\"instance\":\"app1\",\"session\":\"ID.app1\",\"visits\":3,\"user\":null}");
    assertThat(new SessionView("app1", "ID", 1, "ann").toJson()).endsWith("\"user\":\"ann\"}");
  }

  @Test
  void formFieldDecodesAndTakesTheFirstValue() {
    assertThat(DemoHandler.formField("user=J%C3%BCrgen+K&user=other&x", "user")).isEqualTo("Jürgen K");
    assertThat(DemoHandler.formField("x=1", "user")).isNull();
    assertThatThrownBy(() -> DemoHandler.formField("user=%zz", "user"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void instanceColoursDifferForNeighbouringNames() {
    assertThat(Pages.instanceColour("app1"))
        .isNotEqualTo(Pages.instanceColour("app2"))
        .isNotEqualTo(Pages.instanceColour("app3"));
  }
}
