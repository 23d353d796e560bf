package org.tessera.dicom.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tessera.dicom.internal.charset.CharsetCodec;

/**
 * The character sets named by Specific Character Set (0008,0005), which decode and encode the
 * values of SH, LO, UC, ST, LT, UT and PN (PS3.5 6.1, PS3.3 C.12.1.1.2). Immutable and
 * thread-safe; {@link #valueOf} returns shared instances for the common values.
 *
 * <p>Supported: the default repertoire; ISO_IR 100, 101, 109, 110, 144, 127, 126, 138, 148, 203,
 * 13 and 166; ISO_IR 192 (UTF-8), GB18030 and GBK; and ISO 2022 code extensions with ISO 2022 IR
 * 6, 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13 and 166 and the multi-byte ISO 2022 IR
 * 87 (JIS X 0208), 159 (JIS X 0212), 149 (KS X 1001) and 58 (GB 2312), both for decoding and
 * encoding.
 *
 * <p>Reading is lenient, since real data is messy: misspelled terms that plainly name one
 * Defined Term ("ISO_IR100", "ISO IR 192", "iso-ir 144", "ISO_2022_IR+126") or its IANA name
 * ("ISO-8859-1", "UTF-8", "GB2312") are recognised; other values are ignored and make
 * {@link #isKnown()} false, and if no value is recognised the text decodes as ISO 8859-1, which
 * maps every byte to a character. Decoding never throws; malformed bytes become U+FFFD.
 */
public final class SpecificCharacterSet {
  /** The default repertoire (ISO-IR 6), for a data set without (0008,0005). */
  public static final SpecificCharacterSet DEFAULT =
      new SpecificCharacterSet(List.of(), CharsetCodec.DEFAULT);

  /** ISO_IR 192: Unicode in UTF-8. */
  public static final SpecificCharacterSet UTF_8 = create(List.of("ISO_IR 192"));

  /** The single Defined Terms, as spelled in PS3.3, each with its one shared instance. */
  private static final Map<String, SpecificCharacterSet> SINGLE = new HashMap<>();
  /** Other values seen, bounded so that hostile data cannot grow it without limit. */
  private static final ConcurrentMap<List<String>, SpecificCharacterSet> CACHE =
      new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 256;

  static {
    for (String term : CharsetCodec.definedTerms()) {
      SINGLE.put(term, term.equals("ISO_IR 192") ? UTF_8 : create(List.of(term)));
    }
  }

  private final List<String> definedTerms;
  private final CharsetCodec codec;

  private SpecificCharacterSet(List<String> definedTerms, CharsetCodec codec) {
    this.definedTerms = definedTerms;
    this.codec = codec;
  }

  private static SpecificCharacterSet create(List<String> terms) {
    return new SpecificCharacterSet(terms, CharsetCodec.forValues(terms));
  }

  /**
   * The character set for the values of (0008,0005) as read: surrounding spaces (and NULs) are
   * ignored, an empty value 1 stands for the default repertoire in G0, and a single argument
   * holding the whole backslash-separated element value is split. No value, null, or only empty
   * values give {@link #DEFAULT}.
   *
   * @param definedTerms the values of (0008,0005), in order
   * @return a shared instance for each single Defined Term, else a possibly cached one
   */
  public static SpecificCharacterSet valueOf(String... definedTerms) {
    if (definedTerms == null || definedTerms.length == 0) {
      return DEFAULT;
    }
    if (definedTerms.length == 1) {
      String value = definedTerms[0] == null ? "" : definedTerms[0];
      if (value.indexOf('\\') >= 0) {
        return valueOf(value.split("\\\\", -1));
      }
      value = value.trim();
      SpecificCharacterSet known = SINGLE.get(value);
      if (known != null) {
        return known;
      }
    }
    List<String> terms = new ArrayList<>(definedTerms.length);
    boolean empty = true;
    for (String term : definedTerms) {
      String value = term == null ? "" : term.trim();
      empty &= value.isEmpty();
      terms.add(value);
    }
    if (empty) {
      return DEFAULT;
    }
    List<String> key = List.copyOf(terms);
    SpecificCharacterSet cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    SpecificCharacterSet created = create(key);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.putIfAbsent(key, created);
    }
    return created;
  }

  /**
   * Decodes a value of a VR that uses the character set. Decode the whole value field and split
   * it at backslashes afterwards: a 0x5C byte may be half of a two-byte character (JIS X 0208,
   * GBK, GB18030). Padding is kept; trimming is the VR's business.
   *
   * <p>A value of bytes below 0x80 without ESC decodes with one copy for every character set.
   *
   * @param bytes the raw value
   * @param offset index of the first byte
   * @param length number of bytes
   * @return the decoded text; never throws for any content
   * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
   */
  public String decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return codec.decode(bytes, offset, length);
  }

  /**
   * Encodes a value, possibly several joined by backslashes. With code extensions (more than one
   * value) characters outside value 1's sets are written after the escape sequence designating
   * the first set that has them, and value 1's sets are designated back before each {@code \},
   * {@code ^}, {@code =} and control character and at the end (PS3.5 6.1.2.5.3). Characters no
   * set has become '?': the default repertoire writes ASCII only, and unrecognised values write
   * ISO 8859-1, the way they were read. No padding is added.
   *
   * @param value the text to encode
   * @return the encoded bytes
   */
  public byte[] encode(String value) {
    return codec.encode(Objects.requireNonNull(value, "value"));
  }

  /**
   * The values of (0008,0005), trimmed, as given to {@link #valueOf}; empty for
   * {@link #DEFAULT}.
   *
   * @return an unmodifiable list
   */
  public List<String> definedTerms() {
    return definedTerms;
  }

  /**
   * Whether every non-empty value was recognised as a Defined Term or one of its common
   * misspellings. When false, unrecognised values are ignored, and text decodes as ISO 8859-1 if
   * no value was recognised.
   *
   * @return false if some value was not recognised
   */
  public boolean isKnown() {
    return codec.isKnown();
  }

  /** Equal when the (trimmed) values are equal, in order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SpecificCharacterSet other && definedTerms.equals(other.definedTerms);
  }

  /** Hash of the values. */
  @Override
  public int hashCode() {
    return definedTerms.hashCode();
  }

  /** The values as in a dump: joined by backslashes. */
  @Override
  public String toString() {
    return "SpecificCharacterSet[" + String.join("\\", definedTerms) + "]";
  }
}
