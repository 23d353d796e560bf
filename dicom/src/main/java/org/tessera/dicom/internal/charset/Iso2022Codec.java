package org.tessera.dicom.internal.charset;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ISO/IEC 2022 code extension as PS3.5 6.1.2.5 restricts it: bytes below 0x80 decode with the set
 * designated into G0, bytes from 0x80 up with the set designated into G1, and an escape sequence
 * of PS3.3 Table C.12-3 or C.12-4 designates a new set into one of them.
 *
 * <p>Initial state (PS3.5 6.1.2.5.2): G0 and G1 hold value 1's sets; an empty value 1 means ISO-IR
 * 6 in G0 and nothing in G1. Value 1 may only be single-byte (Table C.12-4 lists the multi-byte
 * terms for values 2 to n); leniently, a multi-byte G1 set (ISO 2022 IR 149, IR 58) as value 1 is
 * designated into G1 from the start, as EUC-KR and EUC-CN have it, while a multi-byte G0 set (IR
 * 87, IR 159) leaves ISO-IR 6 in G0, since the delimiters must be readable before any escape.
 *
 * <p>Decoding is lenient: an escape sequence from the tables is honoured even when its term is
 * missing from (0008,0005), because the bytes name the set unambiguously; any other ESC is kept
 * as the character U+001B; bytes from 0x80 up while G1 holds nothing decode as ISO 8859-1.
 * Designations persist until the next escape sequence and are not reset at delimiters: a
 * conforming writer designates again after each delimiter (PS3.5 Annex I.2 and K.2 examples), so
 * conforming values decode the same either way, and a writer that designated once per value is
 * still read as meant.
 *
 * <p>Encoding follows PS3.5 6.1.2.5.3: each character is written in the set in G0 or G1 if that
 * set has it, else a set of the values, in value order, is designated first; before each
 * delimiter ({@code \ ^ =}) and control character, and at the end of the value, value 1's sets
 * are designated back. After a delimiter a set other than value 1's is designated anew where
 * needed, as the Annex H, I and K examples show. Characters no value's set has become '?'.
 */
final class Iso2022Codec extends CharsetCodec {
  private static final int ESC = 0x1B;

  private final GraphicSet initialG0;
  private final GraphicSet initialG1;
  /** The sets the values bring, value 1's first: the sets encoding may designate. */
  private final GraphicSet[] sets;

  private Iso2022Codec(boolean known, GraphicSet g0, GraphicSet g1, GraphicSet[] sets) {
    super(known);
    this.initialG0 = g0;
    this.initialG1 = g1;
    this.sets = sets;
  }

  /** The codec for these terms; null entries are unrecognised or empty values and are skipped. */
  static Iso2022Codec of(List<DefinedTerm> terms, boolean known) {
    DefinedTerm first = terms.get(0);
    GraphicSet g0 = first != null && first.g0() != null && first.g0().isSingleByte()
        ? first.g0() : GraphicSet.IR_6;
    GraphicSet g1 = first != null ? first.g1() : null;
    Set<GraphicSet> sets = new LinkedHashSet<>();
    sets.add(g0);
    if (g1 != null) {
      sets.add(g1);
    }
    for (DefinedTerm term : terms) {
      if (term != null && !term.isStandalone()) {
        if (term.g0() != null) {
          sets.add(term.g0());
        }
        if (term.g1() != null) {
          sets.add(term.g1());
        }
      }
    }
    return new Iso2022Codec(known, g0, g1, sets.toArray(new GraphicSet[0]));
  }

  @Override
  public String decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = firstNonAscii(bytes, offset, end);
    if (i == end) {
      return new String(bytes, offset, length, ISO_8859_1);
    }
    StringBuilder out = new StringBuilder(length);
    for (int j = offset; j < i; j++) {
      out.append((char) bytes[j]);
    }
    GraphicSet g0 = initialG0;
    GraphicSet g1 = initialG1;
    while (i < end) {
      if (bytes[i] == ESC) {
        GraphicSet set = GraphicSet.designatedBy(bytes, i + 1, end);
        if (set == null) {
          out.append((char) ESC);
          i++;
        } else {
          g0 = set.isG1() ? g0 : set;
          g1 = set.isG1() ? set : g1;
          i += 1 + set.escapeLength();
        }
      } else {
        i = decodeRun(bytes, i, end, bytes[i] >= 0 ? g0 : g1, out);
      }
    }
    return out.toString();
  }

  /**
   * Decodes the run of GL bytes (no ESC) or GR bytes starting at {@code from} with {@code set},
   * or as ISO 8859-1 for GR bytes while G1 holds nothing; returns the index after the run.
   */
  private static int decodeRun(byte[] bytes, int from, int end, GraphicSet set, StringBuilder out) {
    boolean gr = bytes[from] < 0;
    int to = from + 1;
    while (to < end && (gr ? bytes[to] < 0 : bytes[to] >= 0 && bytes[to] != ESC)) {
      to++;
    }
    if (set != null) {
      set.decode(bytes, from, to, out);
    } else {
      for (int k = from; k < to; k++) {
        out.append((char) (bytes[k] & 0xFF));
      }
    }
    return to;
  }

  @Override
  public byte[] encode(String value) {
    ByteSink out = new ByteSink(value.length() + 8);
    GraphicSet g0 = initialG0;
    GraphicSet g1 = initialG1;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\\' || c == '^' || c == '=' || c < 0x20 && c != ESC) {
        g0 = designate(initialG0, g0, out);
        g1 = designateG1(g1, out);
        out.write(c);
        continue;
      }
      int code = g0.encode(c);
      if (code >= 0) {
        g0.writeCode(code, out);
        continue;
      }
      code = g1 != null ? g1.encode(c) : -1;
      if (code >= 0) {
        g1.writeCode(code, out);
        continue;
      }
      GraphicSet set = setFor(c, g0, g1);
      if (set == null) {
        g0 = designate(initialG0, g0, out);
        out.write('?');
      } else if (set.isG1()) {
        g1 = designate(set, g1, out);
        set.writeCode(set.encode(c), out);
      } else {
        g0 = designate(set, g0, out);
        set.writeCode(set.encode(c), out);
      }
    }
    designate(initialG0, g0, out);
    designateG1(g1, out);
    return out.toByteArray();
  }

  private GraphicSet setFor(int c, GraphicSet g0, GraphicSet g1) {
    for (GraphicSet set : sets) {
      if (set != g0 && set != g1 && set.encode(c) >= 0) {
        return set;
      }
    }
    return null;
  }

  /** Designates {@code wanted} unless it is {@code current} already; returns the new state. */
  private static GraphicSet designate(GraphicSet wanted, GraphicSet current, ByteSink out) {
    if (wanted != current) {
      wanted.writeEscape(out);
    }
    return wanted;
  }

  /**
   * Returns G1 to value 1's set. With none there (empty value 1) no escape sequence can empty
   * G1, so the encoder only forgets its designation and designates again when next needed.
   */
  private GraphicSet designateG1(GraphicSet current, ByteSink out) {
    return initialG1 == null ? null : designate(initialG1, current, out);
  }
}
