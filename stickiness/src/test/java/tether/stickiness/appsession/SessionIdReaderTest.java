package tether.stickiness.appsession;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tether.stickiness.TestRequest;

class SessionIdReaderTest {

  private final SessionIdReader reader = new SessionIdReader(List.of("JSESSIONID"), "jsessionid", List.of("sid", "s"));

  @Test
  void findsQueryParametersByExactName() {
    assertThat(value(TestRequest.get("/").query("sid=abc"))).isEqualTo("abc");
    assertThat(value(TestRequest.get("/").query("xsid=1&sid=2"))).isEqualTo("2");
    assertThat(value(TestRequest.get("/").query("sid=&sid=3"))).isEqualTo("3");
    assertThat(value(TestRequest.get("/").query("a=1&s=4&b"))).isEqualTo("4");
    assertThat(value(TestRequest.get("/").query("sid"))).isNull();
    assertThat(value(TestRequest.get("/").query(""))).isNull();
    assertThat(value(TestRequest.get("/").query("&&"))).isNull();
  }

  @Test
  void theFirstConfiguredQueryParameterWins() {
    assertThat(value(TestRequest.get("/").query("s=short&sid=long"))).isEqualTo("long");
  }

  @Test
  void percentDecodesIdsFromTheUrlButLeavesPlusAndBadEscapes() {
    assertThat(value(TestRequest.get("/").query("sid=a%2Bb%3D"))).isEqualTo("a+b=");
    assertThat(value(TestRequest.get("/").query("sid=a+b"))).isEqualTo("a+b");
    assertThat(value(TestRequest.get("/").query("sid=50%"))).isEqualTo("50%");
    assertThat(value(TestRequest.get("/").query("sid=%zz%C3%A9"))).isEqualTo("%zzé");
    assertThat(value(TestRequest.get("/x;jsessionid=a%2Eb"))).isEqualTo("a.b");
    assertThat(value(TestRequest.get("/").cookie("JSESSIONID", "a%2Eb"))).isEqualTo("a%2Eb");
  }

  @Test
  void findsNothingInARequestWithoutAnId() {
    assertThat(reader.find(TestRequest.get(null))).isNull();
    assertThat(reader.find(TestRequest.get("/plain/path"))).isNull();
  }

  private String value(TestRequest request) {
    SessionIdReader.Span span = reader.find(request);
    return span == null ? null : span.value();
  }
}
