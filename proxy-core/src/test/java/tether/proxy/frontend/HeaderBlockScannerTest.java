package tether.proxy.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderBlockScannerTest {

  private final HeaderBlockScanner scanner = new HeaderBlockScanner();

  private int scan(String text) {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    return scanner.scan(bytes, 0, bytes.limit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\nHost: a\n\n", "GET / HTTP/1.1\r\nHost: a\r\n\n", "GET / HTTP/1.1\nHost: a\n\r\n"})
  void findsTheEmptyLineWhicheverLineBreaksAreUsed(String block) {
    assertThat(scan(block + "body")).isEqualTo(block.length());
  }

  @Test
  void findsAnEndSplitAcrossReads() {
    assertThat(scan("GET / HTTP/1.1\r\nHost: a\r\n\r")).isEqualTo(-1);
    assertThat(scan("\nbody")).isEqualTo(1);
  }

  @Test
  void doesNotTakeTheFirstLineBreakForTheEnd() {
    assertThat(scan("\r\n")).isEqualTo(-1);
    scanner.reset();
    assertThat(scan("GET / HTTP/1.1\r\n")).isEqualTo(-1);
    assertThat(scan("Host: a\r\n")).isEqualTo(-1);
  }

  @Test
  void ignoresCarriageReturnsThatDoNotEndALine() {
    assertThat(scan("GET / HTTP/1.1\r\nX: a\r\r\n\rb\r\n")).isEqualTo(-1);
    assertThat(scan("\r\n")).isEqualTo(2);
  }

  @Test
  void scansOnlyTheGivenRange() {
    ByteBuffer bytes = ByteBuffer.wrap("xx\n\nyy".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(scanner.scan(bytes, 0, 3)).isEqualTo(-1);
    assertThat(scanner.scan(bytes, 3, 6)).isEqualTo(4);
    assertThat(bytes.position()).isZero();
  }

  @Test
  void startsAfreshAfterAReset() {
    assertThat(scan("GET / HTTP/1.1\r\n")).isEqualTo(-1);
    scanner.reset();
    assertThat(scan("\r\n")).isEqualTo(-1);
  }
}
