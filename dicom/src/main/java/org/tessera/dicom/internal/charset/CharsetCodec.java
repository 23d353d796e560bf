package org.tessera.dicom.internal.charset;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes the text of a data set with the values of its Specific Character Set
 * (0008,0005). Instances are immutable and thread-safe. Decoding never throws: bytes a character
 * set does not define become U+FFFD, and a data set whose values are all unrecognised decodes as
 * ISO 8859-1 so that no byte is lost.
 *
 * <p>Every codec maps a byte below 0x80 other than ESC to the same character as ASCII does (the
 * G0 set of every Defined Term is ASCII or, as decoded here, JIS X 0201 Romaji), so a value of
 * such bytes only is decoded by one {@code new String(bytes, ISO_8859_1)}: the path every UID,
 * code string and plain name of a header takes.
 */
public abstract class CharsetCodec {
  private static final byte ESC = 0x1B;

  /** The default repertoire: decodes bytes from 0x80 up leniently as ISO 8859-1. */
  public static final CharsetCodec DEFAULT = new Latin1Codec(true, US_ASCII);
  private static final CharsetCodec UNKNOWN = new Latin1Codec(false, ISO_8859_1);

  private final boolean known;

  CharsetCodec(boolean known) {
    this.known = known;
  }

  /**
   * The codec for the values of (0008,0005), each already trimmed. An empty list, or a single
   * empty value or ISO_IR 6, is the default repertoire. Unrecognised values are ignored (if none
   * is recognised, ISO 8859-1 decodes everything) and make {@link #isKnown()} false.
   *
   * <p>A stand-alone multi-byte term (ISO_IR 192, GB18030, GBK) as value 1 decodes alone; as a
   * later value it is ignored, having no escape sequence to designate it (PS3.5 6.1.2.5.4 d).
   * Everything else, single-valued or not, goes through {@link Iso2022Codec}, which honours
   * escape sequences wherever they appear; with one value no escape sequence is ever written.
   */
  public static CharsetCodec forValues(List<String> values) {
    if (values.isEmpty()
        || values.size() == 1 && (values.get(0).isEmpty()
            || DefinedTerm.of(values.get(0)) == DefinedTerm.ISO_IR_6)) {
      return DEFAULT;
    }
    List<DefinedTerm> terms = new ArrayList<>(values.size());
    boolean known = true;
    boolean anyTerm = false;
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      // An empty value 1 stands for ISO 2022 IR 6 (PS3.3 C.12.1.1.2); later empty ones for nothing.
      DefinedTerm term = value.isEmpty()
          ? (i == 0 ? DefinedTerm.ISO_2022_IR_6 : null)
          : DefinedTerm.of(value);
      known &= term != null || value.isEmpty();
      anyTerm |= term != null && !value.isEmpty();
      terms.add(term);
    }
    if (!anyTerm) {
      return known ? DEFAULT : UNKNOWN;
    }
    DefinedTerm first = terms.get(0);
    if (first != null && first.isStandalone()) {
      return new StandaloneCodec(known, first.standaloneCharset());
    }
    return Iso2022Codec.of(terms, known);
  }

  /** The spelling of every Defined Term this package recognises, in PS3.3 table order. */
  public static List<String> definedTerms() {
    List<String> names = new ArrayList<>();
    for (DefinedTerm term : DefinedTerm.values()) {
      names.add(term.value());
    }
    return names;
  }

  /** Decodes {@code bytes[offset, offset + length)}; never throws for any content. */
  public abstract String decode(byte[] bytes, int offset, int length);

  /** Encodes {@code value}; characters the character sets lack become '?'. */
  public abstract byte[] encode(String value);

  /** False if some value of (0008,0005) was not recognised. */
  public final boolean isKnown() {
    return known;
  }

  /** Index of the first byte at or above 0x80 or equal to ESC, or {@code to} if none. */
  static int firstNonAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b < 0 || b == ESC) {
        return i;
      }
    }
    return to;
  }

  /** The default repertoire, and the fallback for unrecognised values. */
  private static final class Latin1Codec extends CharsetCodec {
    private final Charset encoding;

    Latin1Codec(boolean known, Charset encoding) {
      super(known);
      this.encoding = encoding;
    }

    @Override
    public String decode(byte[] bytes, int offset, int length) {
      return new String(bytes, offset, length, ISO_8859_1);
    }

    @Override
    public byte[] encode(String value) {
      return value.getBytes(encoding);
    }
  }

  /** ISO_IR 192, GB18030, GBK: one Java charset, no code extensions (PS3.3 Table C.12-5). */
  private static final class StandaloneCodec extends CharsetCodec {
    private final Charset charset;

    StandaloneCodec(boolean known, Charset charset) {
      super(known);
      this.charset = charset;
    }

    @Override
    public String decode(byte[] bytes, int offset, int length) {
      // The JDK's UTF-8 decoder has an ASCII fast path of its own; GB18030's and GBK's have not.
      int end = offset + length;
      if (!charset.equals(UTF_8) && firstNonAscii(bytes, offset, end) == end) {
        return new String(bytes, offset, length, ISO_8859_1);
      }
      return new String(bytes, offset, length, charset);
    }

    @Override
    public byte[] encode(String value) {
      return value.getBytes(charset);
    }
  }
}
