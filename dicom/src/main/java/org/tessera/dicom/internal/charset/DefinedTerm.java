package org.tessera.dicom.internal.charset;

import static org.tessera.dicom.internal.charset.GraphicSet.IR_100;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_101;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_109;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_110;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_126;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_127;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_13;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_138;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_14;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_144;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_148;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_149;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_159;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_166;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_203;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_58;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_6;
import static org.tessera.dicom.internal.charset.GraphicSet.IR_87;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2: Table C.12-2
 * (single-byte, no code extensions), C.12-3 (single-byte, ISO 2022), C.12-4 (multi-byte, ISO 2022)
 * and C.12-5 (multi-byte, no code extensions). Each ISO 2022 capable term names the sets it
 * brings into G0 and G1; the three of Table C.12-5 are decoded by their own Java charset and
 * cannot take part in code extension (PS3.5 6.1.2.5.4 d).
 *
 * <p>A term with and without the "ISO 2022" prefix brings the same sets; the prefix only says
 * whether escape sequences may follow, which {@link CharsetCodec} decides from the number of
 * values instead.
 */
enum DefinedTerm {
  /** Not a Defined Term (the default has no value) but widely written, e.g. in PS3.2 tables. */
  ISO_IR_6("ISO_IR 6", IR_6, null),
  ISO_IR_100("ISO_IR 100", IR_6, IR_100),
  ISO_IR_101("ISO_IR 101", IR_6, IR_101),
  ISO_IR_109("ISO_IR 109", IR_6, IR_109),
  ISO_IR_110("ISO_IR 110", IR_6, IR_110),
  ISO_IR_144("ISO_IR 144", IR_6, IR_144),
  ISO_IR_127("ISO_IR 127", IR_6, IR_127),
  ISO_IR_126("ISO_IR 126", IR_6, IR_126),
  ISO_IR_138("ISO_IR 138", IR_6, IR_138),
  ISO_IR_148("ISO_IR 148", IR_6, IR_148),
  ISO_IR_203("ISO_IR 203", IR_6, IR_203),
  ISO_IR_13("ISO_IR 13", IR_14, IR_13),
  ISO_IR_166("ISO_IR 166", IR_6, IR_166),
  ISO_2022_IR_6("ISO 2022 IR 6", IR_6, null),
  ISO_2022_IR_100("ISO 2022 IR 100", IR_6, IR_100),
  ISO_2022_IR_101("ISO 2022 IR 101", IR_6, IR_101),
  ISO_2022_IR_109("ISO 2022 IR 109", IR_6, IR_109),
  ISO_2022_IR_110("ISO 2022 IR 110", IR_6, IR_110),
  ISO_2022_IR_144("ISO 2022 IR 144", IR_6, IR_144),
  ISO_2022_IR_127("ISO 2022 IR 127", IR_6, IR_127),
  ISO_2022_IR_126("ISO 2022 IR 126", IR_6, IR_126),
  ISO_2022_IR_138("ISO 2022 IR 138", IR_6, IR_138),
  ISO_2022_IR_148("ISO 2022 IR 148", IR_6, IR_148),
  ISO_2022_IR_203("ISO 2022 IR 203", IR_6, IR_203),
  ISO_2022_IR_13("ISO 2022 IR 13", IR_14, IR_13),
  ISO_2022_IR_166("ISO 2022 IR 166", IR_6, IR_166),
  ISO_2022_IR_87("ISO 2022 IR 87", IR_87, null),
  ISO_2022_IR_159("ISO 2022 IR 159", IR_159, null),
  ISO_2022_IR_149("ISO 2022 IR 149", null, IR_149),
  ISO_2022_IR_58("ISO 2022 IR 58", null, IR_58),
  ISO_IR_192("ISO_IR 192", "UTF-8"),
  GB18030("GB18030", "GB18030"),
  GBK("GBK", "GBK");

  private static final Map<String, DefinedTerm> BY_VALUE = new HashMap<>();
  private static final Pattern ISO_2022_IR =
      Pattern.compile("ISO[ _-]*2022[ _-]*IR[ _+-]*0*(\\d{1,3})");
  private static final Pattern ISO_IR = Pattern.compile("ISO[ _-]*IR[ _+-]*0*(\\d{1,3})");
  private static final Pattern ISO_8859 = Pattern.compile("ISO[ _-]*8859[ _:-]*(\\d{1,2})");

  static {
    for (DefinedTerm term : values()) {
      BY_VALUE.put(term.value, term);
    }
  }

  private final String value;
  private final GraphicSet g0;
  private final GraphicSet g1;
  private final boolean standalone;
  private final Charset charset;

  DefinedTerm(String value, GraphicSet g0, GraphicSet g1) {
    this.value = value;
    this.g0 = g0;
    this.g1 = g1;
    this.standalone = false;
    this.charset = null;
  }

  DefinedTerm(String value, String charsetName) {
    this.value = value;
    this.g0 = null;
    this.g1 = null;
    this.standalone = true;
    this.charset = Charset.isSupported(charsetName) ? Charset.forName(charsetName) : null;
  }

  /**
   * The term a value of (0008,0005) names, or null if unrecognised or this runtime lacks its
   * charset. Exact spellings are looked up first; then common misspellings seen in real data are
   * mended (any case; space, underscore or hyphen as separator, or none; "ISO_2022_IR+126" as
   * pydicom also accepts), and the IANA names writers put there by mistake (ISO-8859-n, UTF-8,
   * GB2312) are mapped onto the Defined Term of the same repertoire.
   */
  static DefinedTerm of(String value) {
    DefinedTerm term = BY_VALUE.get(value);
    if (term == null) {
      term = BY_VALUE.get(mend(value.trim().toUpperCase(Locale.ROOT)));
    }
    return term != null && term.isAvailable() ? term : null;
  }

  private static String mend(String s) {
    Matcher m = ISO_2022_IR.matcher(s);
    if (m.matches()) {
      return "ISO 2022 IR " + m.group(1);
    }
    m = ISO_IR.matcher(s);
    if (m.matches()) {
      return "ISO_IR " + m.group(1);
    }
    m = ISO_8859.matcher(s);
    if (m.matches()) {
      return switch (Integer.parseInt(m.group(1))) {
        case 1 -> "ISO_IR 100";
        case 2 -> "ISO_IR 101";
        case 3 -> "ISO_IR 109";
        case 4 -> "ISO_IR 110";
        case 5 -> "ISO_IR 144";
        case 6 -> "ISO_IR 127";
        case 7 -> "ISO_IR 126";
        case 8 -> "ISO_IR 138";
        case 9 -> "ISO_IR 148";
        case 11 -> "ISO_IR 166";
        case 15 -> "ISO_IR 203";
        default -> s;
      };
    }
    return switch (s) {
      case "UTF-8", "UTF8", "UTF_8" -> "ISO_IR 192";
      case "GB2312", "GB_2312", "EUC-CN" -> "ISO 2022 IR 58";
      default -> s;
    };
  }

  /** The spelling PS3.3 gives. */
  String value() {
    return value;
  }

  /** The set this term brings into G0, or null (for the G1-only multi-byte sets). */
  GraphicSet g0() {
    return g0;
  }

  /** The set this term brings into G1, or null. */
  GraphicSet g1() {
    return g1;
  }

  /** True for the Table C.12-5 terms, which have no escape sequence. */
  boolean isStandalone() {
    return standalone;
  }

  /** The Java charset of a stand-alone term. */
  Charset standaloneCharset() {
    return charset;
  }

  private boolean isAvailable() {
    return standalone
        ? charset != null
        : (g0 == null || g0.isAvailable()) && (g1 == null || g1.isAvailable());
  }
}
