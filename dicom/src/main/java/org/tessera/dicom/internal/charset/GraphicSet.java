package org.tessera.dicom.internal.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A graphic character set of the ISO-IR register as DICOM designates it: into code element G0,
 * invoked in GL (bytes 0x21-0x7E), or into G1, invoked in GR (bytes 0xA0-0xFF). PS3.5 6.1.2.5.1
 * keeps G0 and G1 invoked there permanently and does not use G2 or G3, so designating a set is
 * the only state change an escape sequence makes. Escape sequences are those of PS3.3 Tables
 * C.12-3 and C.12-4, written here without their leading ESC.
 *
 * <p>JIS X 0201 Romaji (ISO-IR 14) differs from ASCII at 05/12 (yen sign) and 07/14 (overline)
 * only. It is decoded and encoded as ASCII, as other DICOM toolkits do, because 05/12 is the
 * value delimiter of every multi-valued string whatever the character set (PS3.5 6.2) and must
 * stay a backslash for values to split.
 */
enum GraphicSet {
  /** ISO 646 IRV (ASCII), the default repertoire. */
  IR_6(false, 1, "(B", null),
  /** JIS X 0201 Romaji. */
  IR_14(false, 1, "(J", null),
  /** JIS X 0201 Katakana, half-width. */
  IR_13(true, 1, ")I", null),
  /** Right half of ISO 8859-1, Latin alphabet No. 1. */
  IR_100(true, 1, "-A", "ISO-8859-1"),
  /** Right half of ISO 8859-2, Latin alphabet No. 2. */
  IR_101(true, 1, "-B", "ISO-8859-2"),
  /** Right half of ISO 8859-3, Latin alphabet No. 3. */
  IR_109(true, 1, "-C", "ISO-8859-3"),
  /** Right half of ISO 8859-4, Latin alphabet No. 4. */
  IR_110(true, 1, "-D", "ISO-8859-4"),
  /** Right half of ISO 8859-5, Cyrillic. */
  IR_144(true, 1, "-L", "ISO-8859-5"),
  /** Right half of ISO 8859-6, Arabic. */
  IR_127(true, 1, "-G", "ISO-8859-6"),
  /** Right half of ISO 8859-7, Greek. */
  IR_126(true, 1, "-F", "ISO-8859-7"),
  /** Right half of ISO 8859-8, Hebrew. */
  IR_138(true, 1, "-H", "ISO-8859-8"),
  /** Right half of ISO 8859-9, Latin alphabet No. 5. */
  IR_148(true, 1, "-M", "ISO-8859-9"),
  /** Right half of ISO 8859-15, Latin alphabet No. 9. */
  IR_203(true, 1, "-b", "ISO-8859-15"),
  /** TIS 620-2533, Thai. */
  IR_166(true, 1, "-T", "TIS-620"),
  /** JIS X 0208 Kanji; EUC-JP carries it in GR, so GL pairs decode with their high bits set. */
  IR_87(false, 2, "$B", "EUC-JP"),
  /** JIS X 0212 supplementary Kanji; EUC-JP carries it as 0x8F followed by a GR pair. */
  IR_159(false, 2, "$(D", "EUC-JP"),
  /** KS X 1001 Hangul and Hanja, in GR exactly as EUC-KR has it. */
  IR_149(true, 2, "$)C", "EUC-KR"),
  /** GB 2312 simplified Chinese, in GR exactly as EUC-CN has it. */
  IR_58(true, 2, "$)A", "GB2312");

  private static final GraphicSet[] ALL = values();
  private static final char REPLACEMENT = '\uFFFD';
  private static final int EUC_JP_SS3 = 0x8F;

  private final boolean g1;
  private final int bytesPerChar;
  private final byte[] escape;
  private final Charset charset;
  private final boolean available;
  /** For single-byte G1 sets: the character of each byte 0x80-0xFF; null otherwise. */
  private final char[] upperHalf;

  GraphicSet(boolean g1, int bytesPerChar, String escape, String charsetName) {
    this.g1 = g1;
    this.bytesPerChar = bytesPerChar;
    this.escape = escape.getBytes(StandardCharsets.US_ASCII);
    this.charset = charsetName != null && Charset.isSupported(charsetName)
        ? Charset.forName(charsetName) : null;
    this.available = charsetName == null || charset != null;
    this.upperHalf = g1 && bytesPerChar == 1 ? upperHalf(charsetName, charset) : null;
  }

  private static char[] upperHalf(String charsetName, Charset charset) {
    char[] table = new char[128];
    if (charsetName == null) {
      // JIS X 0201 Katakana: 0xA1-0xDF map in order onto U+FF61-U+FF9F.
      for (int b = 0x80; b < 0x100; b++) {
        table[b - 0x80] = b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : REPLACEMENT;
      }
    } else if (charset != null) {
      byte[] bytes = new byte[128];
      for (int i = 0; i < 128; i++) {
        bytes[i] = (byte) (0x80 + i);
      }
      new String(bytes, charset).getChars(0, 128, table, 0);
    }
    return table;
  }

  /** The set this escape sequence designates, or null; {@code from} is just past the ESC. */
  static GraphicSet designatedBy(byte[] bytes, int from, int to) {
    for (GraphicSet set : ALL) {
      if (set.isAvailable() && set.escape.length <= to - from
          && startsWith(bytes, from, set.escape)) {
        return set;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether this set is designated into G1 (GR); otherwise into G0 (GL). */
  boolean isG1() {
    return g1;
  }

  boolean isSingleByte() {
    return bytesPerChar == 1;
  }

  /** False when this runtime lacks the Java charset the set is decoded with. */
  boolean isAvailable() {
    return available;
  }

  /** Number of bytes of the escape sequence after ESC. */
  int escapeLength() {
    return escape.length;
  }

  void writeEscape(ByteSink out) {
    out.write(0x1B);
    out.write(escape);
  }

  /**
   * Appends the characters of {@code bytes[from, to)}: all in GL (below 0x80, no ESC) for a G0
   * set, all in GR (0x80 and up) for a G1 set. Bytes the set does not define become U+FFFD.
   */
  void decode(byte[] bytes, int from, int to, StringBuilder out) {
    if (bytesPerChar == 1) {
      for (int i = from; i < to; i++) {
        out.append(g1 ? upperHalf[bytes[i] & 0x7F] : (char) bytes[i]);
      }
    } else if (g1) {
      out.append(new String(bytes, from, to - from, charset));
    } else {
      decodeGlPairs(bytes, from, to, out);
    }
  }

  /**
   * A 94x94 set in GL: SPACE, DEL and control characters stay single bytes (PS3.5 H.2: DICOM, like
   * ISO-2022-JP, needs no escape before a SPACE), the rest pairs up.
   */
  private void decodeGlPairs(byte[] bytes, int from, int to, StringBuilder out) {
    int i = from;
    while (i < to) {
      int b = bytes[i];
      if (b <= 0x20 || b == 0x7F) {
        out.append((char) b);
        i++;
        continue;
      }
      int start = i;
      while (i < to && bytes[i] > 0x20 && bytes[i] != 0x7F) {
        i++;
      }
      int pairs = (i - start) / 2;
      int width = this == IR_159 ? 3 : 2;
      byte[] euc = new byte[pairs * width];
      for (int p = 0, e = 0; p < pairs; p++) {
        if (width == 3) {
          euc[e++] = (byte) EUC_JP_SS3;
        }
        euc[e++] = (byte) (bytes[start + 2 * p] | 0x80);
        euc[e++] = (byte) (bytes[start + 2 * p + 1] | 0x80);
      }
      out.append(new String(euc, charset));
      if (((i - start) & 1) != 0) {
        out.append(REPLACEMENT);
      }
    }
  }

  /**
   * The code of {@code codePoint} in this set: one byte, or two bytes as {@code b1 << 8 | b2}, in
   * the area the set is invoked in; -1 if the set lacks the character.
   */
  int encode(int codePoint) {
    if (bytesPerChar == 1 && !g1) {
      return codePoint < 0x80 ? codePoint : -1;
    }
    if (codePoint < 0x80 || codePoint > 0xFFFF) {
      return -1;
    }
    if (bytesPerChar == 1) {
      for (int i = 0x20; i < 0x80; i++) {
        if (upperHalf[i] == codePoint && codePoint != REPLACEMENT) {
          return 0x80 + i;
        }
      }
      return -1;
    }
    byte[] euc = String.valueOf((char) codePoint).getBytes(charset);
    int lead = this == IR_159 ? 1 : 0;
    if (euc.length != lead + 2 || lead == 1 && (euc[0] & 0xFF) != EUC_JP_SS3
        || (euc[lead] & 0xFF) < 0xA1 || (euc[lead + 1] & 0xFF) < 0xA1) {
      return -1;
    }
    int code = (euc[lead] & 0xFF) << 8 | euc[lead + 1] & 0xFF;
    return g1 ? code : code & 0x7F7F;
  }

  /** Writes a code returned by {@link #encode}. */
  void writeCode(int code, ByteSink out) {
    if (bytesPerChar == 2) {
      out.write(code >> 8);
    }
    out.write(code & 0xFF);
  }
}
