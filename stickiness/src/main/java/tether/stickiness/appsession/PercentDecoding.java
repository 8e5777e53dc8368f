package tether.stickiness.appsession;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * %XX decoding of a URL component as UTF-8. Unlike URLDecoder it leaves '+' alone (base64 session ids
 * use it) and keeps a malformed escape as it is instead of throwing.
 */
final class PercentDecoding {

  private PercentDecoding() {}

  static String decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int high = c == '%' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (low >= 0) {
        out.write(high * 16 + low);
        i += 3;
      } else if (c < 0x80) {
        out.write(c);
        i++;
      } else {
        int codePoint = text.codePointAt(i);
        byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(codePoint);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
