package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding and encoding against the examples of PS3.5 Annexes H (Japanese), I (Korean), J
 * (Chinese, Unicode and GB18030) and K (Chinese, GB 2312), and against the PatientName bytes of
 * David Clunie's character set test files as shipped with pydicom (data/charset_files, expected
 * strings from pydicom's tests/test_charset.py).
 */
class SpecificCharacterSetTest {

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String decode(byte[] bytes, String... terms) {
    return SpecificCharacterSet.valueOf(terms).decode(bytes, 0, bytes.length);
  }

  @Nested
  class StandardExamples {
    // PS3.5 Example H.3-1: value 1 absent, kanji and hiragana in JIS X 0208 via ESC $ B.
    static final byte[] H3_1 = hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d"
        + "1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40 4f 3a 1b 28 42 3d"
        + "1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42");
    // PS3.5 Example H.3-2: value 1 ISO 2022 IR 13, katakana in G1, back to Romaji by ESC ( J.
    static final byte[] H3_2 = hex("d4 cf c0 de 5e c0 db b3 3d"
        + "1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b 28 4a 3d"
        + "1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a");
    // PS3.5 Example I.2-1: KS X 1001 designated into G1 in every component.
    static final byte[] I2 = hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d"
        + "1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7 3d"
        + "1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf");
    // PS3.5 Example J.1-1 (UTF-8) and J.3-1 (GB18030), Wang^XiaoDong.
    static final byte[] J1 = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d"
        + "e7 8e 8b 5e e5 b0 8f e6 9d b1 3d");
    static final byte[] J3 = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d"
        + "cd f5 5e d0 a1 b6 ab 3d");
    // PS3.5 Example K.2-1: GB 2312 designated into G1 in each component; codes as J.3 lists.
    static final byte[] K2 = hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d"
        + "1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d");

    @Test
    void japaneseWithDefaultValue1() {
      String name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");

      assertThat(cs.decode(H3_1, 0, H3_1.length)).isEqualTo(name);
      assertThat(cs.encode(name)).isEqualTo(H3_1);
    }

    @Test
    void japaneseWithKatakanaValue1() {
      String name = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");

      assertThat(cs.decode(H3_2, 0, H3_2.length)).isEqualTo(name);
      assertThat(cs.encode(name)).isEqualTo(H3_2);
    }

    @Test
    void koreanPersonName() {
      String name = "Hong^Gildong=洪^吉洞=홍^길동";
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");

      assertThat(cs.decode(I2, 0, I2.length)).isEqualTo(name);
      assertThat(cs.encode(name)).isEqualTo(I2);
    }

    @Test
    void koreanLongTextMixesAsciiAndHangulAfterOneEscape() {
      // PS3.5 Example I.3-1: one ESC $ ) C per line, then ASCII and Hangul (C7D1 B1DB) mixed.
      byte[] text = hex("1b 24 29 43" + ascii("The first line includes ") + "c7 d1 b1 db 2e 0d 0a"
          + "1b 24 29 43" + ascii("The second line includes ") + "c7 d1 b1 db" + ascii(", too.")
          + "0d 0a" + ascii("The third line"));

      assertThat(decode(text, "", "ISO 2022 IR 149")).isEqualTo("The first line includes 한글.\r\n"
          + "The second line includes 한글, too.\r\nThe third line");
    }

    @Test
    void chineseUtf8PersonName() {
      assertThat(decode(J1, "ISO_IR 192")).isEqualTo("Wang^XiaoDong=王^小東=");
      assertThat(SpecificCharacterSet.UTF_8.encode("Wang^XiaoDong=王^小東=")).isEqualTo(J1);
    }

    @Test
    void chineseUtf8LongText() {
      // PS3.5 Example J.2-1.
      String text = "The first line includes中文.\r\nThe second line includes中文, too.\r\n"
          + "The third line.\r\n";
      byte[] bytes = hex(ascii("The first line includes") + "e4 b8 ad e6 96 87"
          + ascii(".\r\nThe second line includes") + "e4 b8 ad e6 96 87"
          + ascii(", too.\r\nThe third line.\r\n"));

      assertThat(decode(bytes, "ISO_IR 192")).isEqualTo(text);
      assertThat(SpecificCharacterSet.UTF_8.encode(text)).isEqualTo(bytes);
    }

    @Test
    void chineseGb18030PersonName() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("GB18030");

      assertThat(cs.decode(J3, 0, J3.length)).isEqualTo("Wang^XiaoDong=王^小东=");
      assertThat(cs.encode("Wang^XiaoDong=王^小东=")).isEqualTo(J3);
    }

    @Test
    void chineseGb18030LongText() {
      // PS3.5 Example J.4-1: 中 D6D0, 文 CEC4.
      String text = "The first line includes中文.\r\nThe second line includes中文, too.\r\n"
          + "The third line.\r\n";
      byte[] bytes = hex(ascii("The first line includes") + "d6 d0 ce c4"
          + ascii(".\r\nThe second line includes") + "d6 d0 ce c4"
          + ascii(", too.\r\nThe third line.\r\n"));

      assertThat(decode(bytes, "GB18030")).isEqualTo(text);
      assertThat(SpecificCharacterSet.valueOf("GB18030").encode(text)).isEqualTo(bytes);
    }

    @Test
    void chineseGb2312PersonName() {
      String name = "Zhang^XiaoDong=张^小东=";
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58");

      assertThat(cs.decode(K2, 0, K2.length)).isEqualTo(name);
      assertThat(cs.encode(name)).isEqualTo(K2);
    }

    @Test
    void chineseGb2312LongTextWithExplicitReturnToAscii() {
      // PS3.5 Example K.3-1, including its trailing padding space.
      byte[] bytes = hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
          + "32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
          + "33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a 20");

      assertThat(decode(bytes, "", "ISO 2022 IR 58"))
          .isEqualTo("1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n ");
    }
  }

  /** PatientName (0010,0010) bytes of pydicom's data/charset_files, padding included. */
  static Stream<Arguments> clunieFiles() {
    return Stream.of(
        Arguments.of("chrArab", List.of("ISO_IR 127"),
            "e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1 20", "قباني^لنزار "),
        Arguments.of("chrFren", List.of("ISO_IR 100"), "42 75 63 5e 4a e9 72 f4 6d 65",
            "Buc^Jérôme"),
        Arguments.of("chrGerm", List.of("ISO_IR 100"), "c4 6e 65 61 73 5e 52 fc 64 69 67 65 72 20",
            "Äneas^Rüdiger "),
        Arguments.of("chrGreek", List.of("ISO_IR 126"), "c4 e9 ef ed f5 f3 e9 ef f2 20",
            "Διονυσιος "),
        Arguments.of("chrHbrw", List.of("ISO_IR 138"), "f9 f8 e5 ef 5e e3 e1 e5 f8 e4",
            "שרון^דבורה"),
        Arguments.of("chrRuss", List.of("ISO_IR 144"), "bb ee da 63 65 dc d1 79 70 d3",
            "Люкceмбypг"),
        Arguments.of("chrX1", List.of("ISO_IR 192"),
            "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d 20",
            "Wang^XiaoDong=王^小東= "),
        Arguments.of("chrX2", List.of("GB18030"),
            "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d",
            "Wang^XiaoDong=王^小东="),
        Arguments.of("chrJapMulti", List.of("", "ISO 2022 IR 87"),
            "1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42 20",
            "やまだ^たろう "),
        Arguments.of("chrJapMultiExplicitIR6", List.of("ISO 2022 IR 6", "ISO 2022 IR 87"),
            "1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42 20",
            "やまだ^たろう "),
        Arguments.of("chrKoreanMulti", List.of("", "ISO 2022 IR 149"),
            "1b 24 29 43 b1 e8 c8 f1 c1 df 1b 28 42 20", "김희중 "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clunieFiles")
  void decodesClunieCharsetFiles(String file, List<String> terms, String hex, String expected) {
    byte[] bytes = hex(hex);
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(terms.toArray(String[]::new));

    assertThat(cs.decode(bytes, 0, bytes.length)).isEqualTo(expected);
    assertThat(cs.decode(cs.encode(expected), 0, cs.encode(expected).length)).isEqualTo(expected);
    assertThat(cs.isKnown()).isTrue();
  }

  /** pydicom's ENCODED_NAMES: each single-byte set as a code extension after ASCII. */
  static Stream<Arguments> singleByteExtensions() {
    return Stream.of(
        Arguments.of("ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "1b 29 49 d4 cf c0 de 5e 1b 29 49 c0 db b3"),
        Arguments.of("ISO 2022 IR 100", "Buc^Jérôme",
            "1b 2d 41 42 75 63 5e 1b 2d 41 4a e9 72 f4 6d 65"),
        Arguments.of("ISO 2022 IR 101", "Wałęsa", "1b 2d 42 57 61 b3 ea 73 61"),
        Arguments.of("ISO 2022 IR 109", "antaŭnomo", "1b 2d 43 61 6e 74 61 fd 6e 6f 6d 6f"),
        Arguments.of("ISO 2022 IR 110", "vārds", "1b 2d 44 76 e0 72 64 73"),
        Arguments.of("ISO 2022 IR 127", "قباني^لنزار",
            "1b 2d 47 e2 c8 c7 e6 ea 5e 1b 2d 47 e4 e6 d2 c7 d1"),
        Arguments.of("ISO 2022 IR 126", "Διονυσιος", "1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2"),
        Arguments.of("ISO 2022 IR 138", "שרון^דבורה",
            "1b 2d 48 f9 f8 e5 ef 5e 1b 2d 48 e3 e1 e5 f8 e4"),
        Arguments.of("ISO 2022 IR 144", "Люкceмбypг", "1b 2d 4c bb ee da 63 65 dc d1 79 70 d3"),
        Arguments.of("ISO 2022 IR 148", "Çavuşoğlu", "1b 2d 4d c7 61 76 75 fe 6f f0 6c 75"),
        Arguments.of("ISO 2022 IR 166", "นามสกุล", "1b 2d 54 b9 d2 c1 ca a1 d8 c5"),
        // ISO 8859-15: € at A4, Œ at BC; ESC 02/13 06/02 per PS3.3 Table C.12-3.
        Arguments.of("ISO 2022 IR 203", "Œuvre 5€", "1b 2d 62 bc 75 76 72 65 20 35 a4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleByteExtensions")
  void decodesAndEncodesSingleByteCodeExtensions(String term, String text, String hex) {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", term);
    byte[] bytes = hex(ascii("ASCII+") + hex);

    assertThat(cs.decode(bytes, 0, bytes.length)).isEqualTo("ASCII+" + text);
    byte[] encoded = cs.encode("ASCII+" + text);
    assertThat(cs.decode(encoded, 0, encoded.length)).isEqualTo("ASCII+" + text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleByteExtensions")
  void encodesSingleByteSetsWithoutCodeExtensions(String term, String text, String hex) {
    // The same characters under the single-valued ISO_IR term: no escape sequences at all.
    String single = term.replace("ISO 2022 IR", "ISO_IR");
    byte[] expected = hex(hex.replaceAll("1b 2d ..|1b 29 49", " "));
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(single);

    assertThat(cs.encode(text)).isEqualTo(expected);
    assertThat(cs.decode(expected, 0, expected.length)).isEqualTo(text);
  }

  @Test
  void switchesBetweenSingleByteSetsAcrossValues() {
    // pydicom test_single_byte_multi_charset_personname: three values, three alphabets.
    byte[] bytes = hex("42 75 63 5e 4a e9 72 f4 6d 65 5c 1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2 5c"
        + "1b 2d 4c bb ee da 63 65 dc d1 79 70 d3");
    SpecificCharacterSet cs =
        SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126");

    assertThat(cs.decode(bytes, 0, bytes.length)).isEqualTo("Buc^Jérôme\\Διονυσιος\\Люкceмбypг");
    // Value 1's Latin-1 goes back into G1 before each backslash and at the end (6.1.2.5.3).
    assertThat(cs.encode("Buc^Jérôme\\Διονυσιος\\Люкceмбypг")).isEqualTo(hex(
        "42 75 63 5e 4a e9 72 f4 6d 65 5c 1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2 1b 2d 41 5c"
            + "1b 2d 4c bb ee da 63 65 dc d1 79 70 d3 1b 2d 41"));
  }

  @Test
  void value1SetsApplyWithoutEscape() {
    // pydicom test_multi_charset_default_value.
    assertThat(decode(hex("52 f6 6e 74 67 65 6e 61 75 66 6e 61 68 6d 65"),
        "ISO 2022 IR 100", "ISO 2022 IR 144")).isEqualTo("Röntgenaufnahme");
  }

  @Nested
  class Leniency {
    static final byte[] UTF8_NAME = hex("42 75 63 5e 4a c3 a9 72 c3 b4 6d 65");
    static final byte[] GREEK_COMPONENT = hex(ascii("Dionysios=")
        + "1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2");

    @ParameterizedTest
    @ValueSource(strings = {"ISO IR 192", "ISO-IR 192", "iso_ir 192", "ISO_IR192", "UTF-8",
        "utf8", " ISO_IR 192 "})
    void recognisesMisspelledUtf8(String term) {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);

      assertThat(cs.decode(UTF8_NAME, 0, UTF8_NAME.length)).isEqualTo("Buc^Jérôme");
      assertThat(cs.isKnown()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-IR 144", "ISO_IR144", "ISO-8859-5", "iso8859-5"})
    void recognisesMisspelledCyrillic(String term) {
      assertThat(decode(hex("bb ee da 63 65 dc d1 79 70 d3"), term)).isEqualTo("Люкceмбypг");
      assertThat(SpecificCharacterSet.valueOf(term).isKnown()).isTrue();
    }

    @Test
    void recognisesMisspelledCodeExtensionTerms() {
      assertThat(decode(GREEK_COMPONENT, "ISO_2022-IR 100", "ISO 2022 IR 126"))
          .isEqualTo("Dionysios=Διονυσιος");
      assertThat(decode(GREEK_COMPONENT, "ISO 2022 IR 100", "ISO_2022_IR+126"))
          .isEqualTo("Dionysios=Διονυσιος");
    }

    @Test
    void readsSingleByteTermsWithoutPrefixAsCodeExtensionsWhenMultiValued() {
      // dcm4che issue 869: ISO_IR 13 as value 1 of a multi-valued Japanese data set.
      assertThat(decode(StandardExamples.H3_2, "ISO_IR 13", "ISO 2022 IR 87"))
          .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUPPORTED", "ISO 2022 IR 146", "KOI8-R", "ISO_IR 999"})
    void unknownTermsDecodeAsLatin1(String term) {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);

      assertThat(cs.isKnown()).isFalse();
      assertThat(cs.decode(UTF8_NAME, 0, UTF8_NAME.length)).isEqualTo("Buc^JÃ©rÃ´me");
      assertThat(cs.encode("Buc^JÃ©rÃ´me")).isEqualTo(UTF8_NAME);
    }

    @Test
    void everyByteSurvivesAnUnknownTerm() {
      byte[] all = new byte[256];
      for (int i = 0; i < 256; i++) {
        all[i] = (byte) i;
      }
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("WHATEVER");

      assertThat(cs.encode(cs.decode(all, 0, 256))).isEqualTo(all);
    }

    @Test
    void unknownLaterValueKeepsTheOthers() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 146");

      assertThat(cs.isKnown()).isFalse();
      assertThat(decode(hex("42 75 63 5e 4a e9 72 f4 6d 65"), "ISO 2022 IR 100", "ISO 2022 IR 146"))
          .isEqualTo("Buc^Jérôme");
    }

    @Test
    void utf8TakesNoCodeExtensions() {
      // PS3.5 6.1.2.5.4 d: later values are ignored, as pydicom does.
      SpecificCharacterSet cs =
          SpecificCharacterSet.valueOf("ISO_IR 192", "ISO 2022 IR 100", "ISO 2022 IR 144");

      assertThat(cs.decode(UTF8_NAME, 0, UTF8_NAME.length)).isEqualTo("Buc^Jérôme");
      assertThat(cs.encode("Buc^Jérôme")).isEqualTo(UTF8_NAME);
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
      // pydicom test_bad_encoded_single_encoding: Greek ISO 8859-7 bytes labelled UTF-8.
      assertThat(decode(hex("c4 e9 ef ed f5 f3 e9 ef f2"), "ISO_IR 192"))
          .isEqualTo("\uFFFD".repeat(9));
      // Truncated sequence, overlong encoding, encoded surrogate, stray continuation byte.
      assertThat(decode(hex("41 e6 9d"), "ISO_IR 192")).isEqualTo("A\uFFFD");
      assertThat(decode(hex("c0 af 42 ed a0 80 43 80"), "ISO_IR 192"))
          .startsWith("\uFFFD").contains("B").contains("C").endsWith("\uFFFD")
          .doesNotContain("/");
    }

    @Test
    void defaultRepertoireDecodesHighBytesAsLatin1() {
      byte[] bytes = hex("42 75 63 5e 4a e9 72 f4 6d 65 1b 24 42");

      assertThat(SpecificCharacterSet.DEFAULT.decode(bytes, 0, bytes.length))
          .isEqualTo("Buc^Jérôme\u001b$B");
    }
  }

  @Nested
  class Encoding {
    @Test
    void defaultRepertoireWritesAsciiOnly() {
      assertThat(SpecificCharacterSet.DEFAULT.encode("Buc^Jérôme"))
          .isEqualTo("Buc^J?r?me".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void latin1() {
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").encode("Buc^Jérôme"))
          .isEqualTo(hex("42 75 63 5e 4a e9 72 f4 6d 65"));
    }

    @Test
    void singleValueNeverWritesEscapeSequences() {
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").encode("Δι")).isEqualTo(hex("3f 3f"));
    }

    @Test
    void jisX0201KeepsBackslashAsDelimiter() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");

      assertThat(cs.encode("ｱ\\¥")).isEqualTo(hex("b1 5c 3f"));
      assertThat(cs.decode(hex("b1 5c 7e"), 0, 3)).isEqualTo("ｱ\\~");
    }

    @Test
    void gbkAndGb18030() {
      assertThat(SpecificCharacterSet.valueOf("GBK").encode("王😀")).isEqualTo(hex("cd f5 3f"));
      assertThat(SpecificCharacterSet.valueOf("GB18030").encode("王😀"))
          .isEqualTo(hex("cd f5 94 39 fc 36"));
      assertThat(decode(hex("cd f5 94 39 fc 36"), "GB18030")).isEqualTo("王😀");
    }

    @Test
    void japaneseWithJisX0212() {
      // pydicom test_japanese_multi_byte_personname: 鷗 is JIS X 0212 6C3F.
      assertThat(SpecificCharacterSet
          .valueOf("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159")
          .encode("Mori^Ogai=森^鷗外=もり^おうがい"))
          .isEqualTo(hex("4d 6f 72 69 5e 4f 67 61 69 3d 1b 24 42 3f 39 1b 28 42 5e"
              + "1b 24 28 44 6c 3f 1b 24 42 33 30 1b 28 42 3d 1b 24 42 24 62 24 6a 1b 28 42 5e"
              + "1b 24 42 24 2a 24 26 24 2c 24 24 1b 28 42"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144",
        "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 13",
        "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK"})
    void roundTripsEveryCharacterOfItsUpperHalf(String term) {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
      byte[] upper = new byte[0x60];
      for (int i = 0; i < upper.length; i++) {
        upper[i] = (byte) (0xA0 + i);
      }
      String text = cs.decode(upper, 0, upper.length).replace("\uFFFD", "");

      assertThat(cs.decode(cs.encode(text), 0, cs.encode(text).length)).isEqualTo(text);
    }
  }

  @Nested
  class Api {
    @Test
    void emptyValuesAreTheDefault() {
      assertThat(SpecificCharacterSet.valueOf()).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf((String[]) null))
          .isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf("")).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf("  ", null)).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.DEFAULT.definedTerms()).isEmpty();
      assertThat(SpecificCharacterSet.DEFAULT.isKnown()).isTrue();
    }

    @Test
    void sharesInstancesOfCommonValues() {
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 192")).isSameAs(SpecificCharacterSet.UTF_8);
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100 "))
          .isSameAs(SpecificCharacterSet.valueOf("ISO_IR 100"));
      assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87"))
          .isSameAs(SpecificCharacterSet.valueOf(" ", "ISO 2022 IR 87 "));
    }

    @Test
    void splitsTheRawElementValue() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("\\ISO 2022 IR 87 ");

      assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
      assertThat(cs).isEqualTo(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87"))
          .hasSameHashCodeAs(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87"));
      assertThat(cs).hasToString("SpecificCharacterSet[\\ISO 2022 IR 87]");
      assertThat(cs).isNotEqualTo(SpecificCharacterSet.valueOf("ISO 2022 IR 87"));
    }

    @Test
    void keepsValuesAsGiven() {
      assertThat(SpecificCharacterSet.valueOf("ISO-8859-1").definedTerms())
          .containsExactly("ISO-8859-1");
      assertThat(SpecificCharacterSet.valueOf("ISO-8859-1"))
          .isNotEqualTo(SpecificCharacterSet.valueOf("ISO_IR 100"));
    }

    @Test
    void decodesARange() {
      byte[] bytes = hex("58 e9 59 5a");

      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").decode(bytes, 1, 2)).isEqualTo("éY");
      assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.decode(bytes, 3, 2))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ISO_IR 6", "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110",
        "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 203",
        "ISO_IR 13", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK", "ISO 2022 IR 6",
        "ISO 2022 IR 100", "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159",
        "ISO 2022 IR 149", "ISO 2022 IR 58", "NOT A TERM"})
    void asciiDecodesTheSameUnderEverySet(String term) {
      // The fast path: one Latin-1 copy for bytes below 0x80 without ESC.
      byte[] ascii = new byte[0x7F];
      for (int i = 0; i < ascii.length; i++) {
        ascii[i] = (byte) (i == 0x1B ? ' ' : i);
      }
      String expected = new String(ascii, StandardCharsets.ISO_8859_1);

      assertThat(SpecificCharacterSet.valueOf(term).decode(ascii, 0, ascii.length))
          .isEqualTo(expected);
      assertThat(SpecificCharacterSet.valueOf(term).encode(expected)).isEqualTo(ascii);
    }
  }

  static String ascii(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }
}
