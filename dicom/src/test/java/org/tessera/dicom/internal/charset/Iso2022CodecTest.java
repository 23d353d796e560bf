package org.tessera.dicom.internal.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escape sequence handling at the edges: what real data gets wrong, and what encoding needs. */
class Iso2022CodecTest {

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String decode(String hex, String... values) {
    byte[] bytes = hex(hex);
    return CharsetCodec.forValues(List.of(values)).decode(bytes, 0, bytes.length);
  }

  static byte[] encode(String text, String... values) {
    return CharsetCodec.forValues(List.of(values)).encode(text);
  }

  @Test
  void designationPersistsAcrossDelimiters() {
    // pydicom test_missing_escape_for_single_byte_code_extensions expects Latin-1 after '^';
    // designations persist here, so the writer's katakana survives.
    assertThat(decode("41 2b 1b 29 49 d4 cf c0 de 5e c0 db b3", "", "ISO 2022 IR 13"))
        .isEqualTo("A+ﾔﾏﾀﾞ^ﾀﾛｳ");
  }

  @Test
  void honoursEscapeSequencesOfSetsNotDeclared() {
    // JIS X 0212 6C3F (鷗) though only ISO 2022 IR 87 is declared; Greek under ISO_IR 100.
    assertThat(decode("1b 24 28 44 6c 3f 1b 28 42", "", "ISO 2022 IR 87")).isEqualTo("鷗");
    assertThat(decode("1b 2d 46 c4 e9", "ISO_IR 100")).isEqualTo("Δι");
  }

  @Test
  void keepsUnknownAndTruncatedEscapeSequences() {
    // ESC - V would designate ISO 8859-10, which DICOM does not define.
    assertThat(decode("1b 2d 56 e9", "ISO 2022 IR 100")).isEqualTo("\u001b-Vé");
    assertThat(decode("41 1b", "ISO 2022 IR 100")).isEqualTo("A\u001b");
    assertThat(decode("41 1b 24 28", "", "ISO 2022 IR 159")).isEqualTo("A\u001b$(");
  }

  @Test
  void highBytesWithNothingInG1DecodeAsLatin1() {
    assertThat(decode("41 e9", "", "ISO 2022 IR 87")).isEqualTo("Aé");
    assertThat(decode("1b 24 28 44 c4 e9", "ISO 2022 IR 159")).isEqualTo("Äé");
  }

  @Test
  void spaceAndControlsStaySingleInsideJisX0208() {
    // PS3.5 H.2: no escape needed before a SPACE; CR LF likewise pass through.
    assertThat(decode("1b 24 42 3b 33 20 45 44 0d 0a 3b 33 1b 28 42", "", "ISO 2022 IR 87"))
        .isEqualTo("山 田\r\n山");
  }

  @Test
  void oddByteOfATwoByteSetBecomesReplacement() {
    assertThat(decode("1b 24 42 3b 33 45 1b 28 42 41", "", "ISO 2022 IR 87"))
        .isEqualTo("山\uFFFDA");
    assertThat(decode("1b 24 29 43 c8 ab b1", "", "ISO 2022 IR 149")).isEqualTo("홍\uFFFD");
  }

  @Test
  void katakanaOutsideItsRangeBecomesReplacement() {
    assertThat(decode("a0 b1 e0", "ISO 2022 IR 13")).isEqualTo("\uFFFDｱ\uFFFD");
  }

  @Test
  void multiByteG1SetAsValue1IsDesignatedFromTheStart() {
    // Lenient: Table C.12-4 terms belong in values 2 to n, but EUC-KR/EUC-CN data says so.
    assertThat(decode("48 6f 6e 67 3d c8 ab b1 e6 b5 bf", "ISO 2022 IR 149"))
        .isEqualTo("Hong=홍길동");
    assertThat(encode("Hong=홍길동", "ISO 2022 IR 149"))
        .isEqualTo(hex("48 6f 6e 67 3d c8 ab b1 e6 b5 bf"));
    assertThat(decode("d5 c5", "ISO 2022 IR 58")).isEqualTo("张");
  }

  @Test
  void multiByteG0SetAsValue1LeavesAsciiInG0() {
    assertThat(decode("59 61 6d 61 64 61 3d 1b 24 42 3b 33 1b 28 42", "ISO 2022 IR 87"))
        .isEqualTo("Yamada=山");
  }

  @Test
  void encodesRomajiAndKatakanaPerPs35AnnexH() {
    // pydicom test_japanese_multi_byte_encoding, without its redundant ESC ) I: ISO 2022 IR 13
    // as value 1 already holds katakana in G1.
    assertThat(encode("あaｱア齩", "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"))
        .isEqualTo(hex("1b 24 42 24 22 1b 28 4a 61 b1 1b 24 42 25 22 1b 24 28 44 6d 4e 1b 28 4a"));
  }

  @Test
  void returnsToValue1SetsBeforeControlsAndAtTheEnd() {
    assertThat(encode("山\r\n田", "", "ISO 2022 IR 87"))
        .isEqualTo(hex("1b 24 42 3b 33 1b 28 42 0d 0a 1b 24 42 45 44 1b 28 42"));
    assertThat(encode("山 田", "", "ISO 2022 IR 87"))
        .isEqualTo(hex("1b 24 42 3b 33 1b 28 42 20 1b 24 42 45 44 1b 28 42"));
  }

  @Test
  void unencodableCharactersBecomeQuestionMarksInValue1Set() {
    assertThat(encode("山😀é", "", "ISO 2022 IR 87"))
        .isEqualTo(hex("1b 24 42 3b 33 1b 28 42 3f 3f"));
    assertThat(encode("홍😀", "", "ISO 2022 IR 149")).isEqualTo(hex("1b 24 29 43 c8 ab 3f"));
  }

  @Test
  void prefersTheSetAlreadyDesignated() {
    // Greek Α-ω are in ISO 8859-7 only; once designated, no escape per character.
    assertThat(encode("Δι=Δι", "ISO 2022 IR 100", "ISO 2022 IR 126"))
        .isEqualTo(hex("1b 2d 46 c4 e9 1b 2d 41 3d 1b 2d 46 c4 e9 1b 2d 41"));
  }

  @Test
  void recognisesDefinedTermsAndMendsMisspellings() {
    assertThat(DefinedTerm.of("ISO 2022 IR 58")).isEqualTo(DefinedTerm.ISO_2022_IR_58);
    assertThat(DefinedTerm.of("iso 2022 ir 087")).isEqualTo(DefinedTerm.ISO_2022_IR_87);
    assertThat(DefinedTerm.of("ISO_2022_IR_149")).isEqualTo(DefinedTerm.ISO_2022_IR_149);
    assertThat(DefinedTerm.of("ISO-8859-15")).isEqualTo(DefinedTerm.ISO_IR_203);
    assertThat(DefinedTerm.of("GB2312")).isEqualTo(DefinedTerm.ISO_2022_IR_58);
    assertThat(DefinedTerm.of("gbk")).isEqualTo(DefinedTerm.GBK);
    assertThat(DefinedTerm.of("ISO_IR 6")).isEqualTo(DefinedTerm.ISO_IR_6);
    assertThat(DefinedTerm.of("ISO 2022 IR 192")).isNull();
    assertThat(DefinedTerm.of("LATIN1")).isNull();
  }

  @Test
  void everyTermIsAvailableInThisRuntime() {
    for (DefinedTerm term : DefinedTerm.values()) {
      assertThat(DefinedTerm.of(term.value())).as(term.value()).isEqualTo(term);
    }
  }

  @Test
  void defaultAndUnknownCodecs() {
    assertThat(CharsetCodec.forValues(List.of())).isSameAs(CharsetCodec.DEFAULT);
    assertThat(CharsetCodec.forValues(List.of("ISO_IR 6"))).isSameAs(CharsetCodec.DEFAULT);
    assertThat(CharsetCodec.forValues(List.of("", ""))).isSameAs(CharsetCodec.DEFAULT);
    assertThat(CharsetCodec.forValues(List.of("", "BOGUS")).isKnown()).isFalse();
    assertThat(CharsetCodec.forValues(List.of("BOGUS")).encode("é"))
        .isEqualTo("é".getBytes(StandardCharsets.ISO_8859_1));
  }
}
