package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tether.proxy.config.ConfigFiles.at;
import static tether.proxy.config.ConfigFiles.problems;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of problem in {@code tether.forwarded}, with the exact line an operator sees. */
class ForwardedProblemsTest {

  @TempDir Path dir;
  private ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void trustedProxiesUseTheMessageOfCidrRange() {
    Path file = files.write(
        "tether.forwarded.trusted-proxies = [",
        "  \"10.0.0.0/33\"",
        "  \"proxy.example.com\"",
        "  \"192.168.0.0/16\"",
        "]");

    assertThat(problems(file)).containsExactly(
        at(file, 2, "tether.forwarded.trusted-proxies[0]: trusted proxy: 10.0.0.0/33 "
            + "(expected: a prefix length of 0..32)"),
        at(file, 3, "tether.forwarded.trusted-proxies[1]: trusted proxy: proxy.example.com "
            + "(expected: an IP address or CIDR range such as 10.0.0.0/8)"));
  }

  @Test
  void viaMustBeAToken() {
    assertThat(files.load("tether.forwarded.via = \"\"").forwarded().via()).isEmpty();

    Path file = files.write("tether.forwarded.via = \"my proxy\"");
    assertThat(problems(file)).containsExactly(
        at(file, 1, "tether.forwarded.via: \"my proxy\" (expected: a token such as tether "
            + "(letters, digits and !#$%&'*+-.^_`|~), or \"\" for no Via)"));
  }

  @Test
  void forwardedHeadersNameEachFamilyOnce() {
    assertThat(files.load("tether.forwarded.headers = []").forwarded().headers()).isEmpty();
    assertThat(files.load("tether.forwarded.headers = [forwarded]").forwarded().headers())
        .containsExactly(ForwardedConfig.Header.FORWARDED);

    Path file = files.write(
        "tether.forwarded.headers = [",
        "  x-forwarded",
        "  x-forwarded-for",
        "  x-forwarded",
        "]");
    assertThat(problems(file)).containsExactly(
        at(file, 3, "tether.forwarded.headers[1]: \"x-forwarded-for\" (expected: one of x-forwarded, forwarded)"),
        at(file, 4, "tether.forwarded.headers[2]: \"x-forwarded\" (expected: each family once)"));

    Path notAList = files.write("tether.forwarded.headers = forwarded");
    assertThat(problems(notAList)).containsExactly(
        at(notAList, 1, "tether.forwarded.headers: \"forwarded\" (expected: a list of header families, "
            + "each one of x-forwarded, forwarded; [] for none)"));
  }
}
