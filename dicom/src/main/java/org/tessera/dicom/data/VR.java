package org.tessera.dicom.data;

/**
 * Value Representations of PS3.5 6.2. Each constant owns its encoding rules, so callers ask the
 * VR instead of switching on it.
 */
public enum VR {
  AE(Kind.STRING, 1, ' ', 16, Trim.BOTH, false),
  AS(Kind.STRING, 1, ' ', 4, Trim.TRAILING, false),
  AT(Kind.BINARY, 4, 0, 0, Trim.NONE, false),
  CS(Kind.STRING, 1, ' ', 16, Trim.BOTH, false),
  DA(Kind.STRING, 1, ' ', 18, Trim.TRAILING, false),
  DS(Kind.STRING, 1, ' ', 16, Trim.BOTH, false),
  DT(Kind.STRING, 1, ' ', 54, Trim.TRAILING, false),
  FL(Kind.BINARY, 4, 0, 0, Trim.NONE, false),
  FD(Kind.BINARY, 8, 0, 0, Trim.NONE, false),
  IS(Kind.STRING, 1, ' ', 12, Trim.BOTH, false),
  LO(Kind.STRING, 1, ' ', 64, Trim.BOTH, true),
  LT(Kind.TEXT, 1, ' ', 10240, Trim.TRAILING, true),
  OB(Kind.BULK, 1, 0, 0, Trim.NONE, false),
  OD(Kind.BULK, 8, 0, 0, Trim.NONE, false),
  OF(Kind.BULK, 4, 0, 0, Trim.NONE, false),
  OL(Kind.BULK, 4, 0, 0, Trim.NONE, false),
  OV(Kind.BULK, 8, 0, 0, Trim.NONE, false),
  OW(Kind.BULK, 2, 0, 0, Trim.NONE, false),
  PN(Kind.STRING, 1, ' ', 64 * 3 + 2, Trim.TRAILING, true),
  SH(Kind.STRING, 1, ' ', 16, Trim.BOTH, true),
  SL(Kind.BINARY, 4, 0, 0, Trim.NONE, false),
  SQ(Kind.SEQUENCE, 0, 0, 0, Trim.NONE, false),
  SS(Kind.BINARY, 2, 0, 0, Trim.NONE, false),
  ST(Kind.TEXT, 1, ' ', 1024, Trim.TRAILING, true),
  SV(Kind.BINARY, 8, 0, 0, Trim.NONE, false),
  TM(Kind.STRING, 1, ' ', 28, Trim.TRAILING, false),
  UC(Kind.STRING, 1, ' ', 0, Trim.TRAILING, true),
  UI(Kind.STRING, 1, 0, 64, Trim.TRAILING, false),
  UL(Kind.BINARY, 4, 0, 0, Trim.NONE, false),
  UN(Kind.BULK, 1, 0, 0, Trim.NONE, false),
  UR(Kind.TEXT, 1, ' ', 0, Trim.BOTH, false),
  US(Kind.BINARY, 2, 0, 0, Trim.NONE, false),
  UT(Kind.TEXT, 1, ' ', 0, Trim.TRAILING, true),
  UV(Kind.BINARY, 8, 0, 0, Trim.NONE, false);

  /** How a VR's value is laid out. */
  public enum Kind {
    /** Character string, possibly multi-valued with a backslash delimiter. */
    STRING,
    /** Character string that is always single-valued: a backslash is an ordinary character. */
    TEXT,
    /** Fixed-size binary numbers (AT, FL, FD, SL, SS, SV, UL, US, UV). */
    BINARY,
    /** Other-byte/word/... values, often large (OB, OD, OF, OL, OV, OW, UN). */
    BULK,
    /** Sequence of items. */
    SEQUENCE
  }

  /** Which padding or insignificant spaces a string value loses when read as a String. */
  enum Trim { NONE, TRAILING, BOTH }

  private static final VR[] BY_CODE = new VR[0x10000];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code] = vr;
    }
  }

  private final int code;
  private final Kind kind;
  private final int bytesPerValue;
  private final int paddingByte;
  private final int maxLength;
  private final Trim trim;
  private final boolean usesCharacterSet;

  VR(Kind kind, int bytesPerValue, int paddingByte, int maxLength, Trim trim, boolean charset) {
    this.code = (name().charAt(0) << 8) | name().charAt(1);
    this.kind = kind;
    this.bytesPerValue = bytesPerValue;
    this.paddingByte = paddingByte;
    this.maxLength = maxLength;
    this.trim = trim;
    this.usesCharacterSet = charset;
  }

  /** The two ASCII characters as one big-endian int, as they appear on the wire. */
  public int code() {
    return code;
  }

  /** The VR for a two-character code, or null if the code names no VR. */
  public static VR ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Length of the element header in explicit VR (PS3.5 7.1.2): 12 bytes for the VRs with a
   * 4-byte length field, otherwise 8.
   */
  public int explicitHeaderLength() {
    return hasLongLengthField() ? 12 : 8;
  }

  /** Whether explicit VR encodes this VR with two reserved bytes and a 32-bit length. */
  public boolean hasLongLengthField() {
    return switch (this) {
      case OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV -> true;
      default -> false;
    };
  }

  /** Byte that pads an odd-length value to even length: NUL for UI and binary, space for text. */
  public int paddingByte() {
    return paddingByte;
  }

  /**
   * Size in bytes of one binary value (2 for US, 8 for FD, 1 for OB), which is also the unit of
   * byte swapping between little and big endian; 1 for strings, 0 for SQ.
   */
  public int bytesPerValue() {
    return bytesPerValue;
  }

  /** Unit of byte swapping: AT swaps as two 16-bit numbers. */
  public int swapUnit() {
    return this == AT ? 2 : bytesPerValue;
  }

  /** Maximum value length in characters (PS3.5 Table 6.2-1) for strings; 0 if unbounded. */
  public int maxLength() {
    return maxLength;
  }

  public boolean isString() {
    return kind == Kind.STRING || kind == Kind.TEXT;
  }

  /** True for string VRs whose values a backslash separates. */
  public boolean isMultiValuedString() {
    return kind == Kind.STRING;
  }

  /** True for binary VRs that DICOM JSON writes as InlineBinary or BulkDataURI. */
  public boolean isBulk() {
    return kind == Kind.BULK;
  }

  /** Whether Specific Character Set (0008,0005) applies to values of this VR (PS3.5 6.1.2.3). */
  public boolean usesCharacterSet() {
    return usesCharacterSet;
  }

  /**
   * Whether DICOM JSON writes values as JSON numbers (PS3.18 F.2.3): DS, IS and the binary
   * numeric VRs except AT.
   */
  public boolean isJsonNumber() {
    return this == DS || this == IS || (kind == Kind.BINARY && this != AT);
  }

  /** Whether the binary values are floating point (FL, FD, OF, OD). */
  public boolean isFloatingPoint() {
    return this == FL || this == FD || this == OF || this == OD;
  }

  /** Whether the binary values are signed integers (SS, SL, SV). */
  public boolean isSignedInteger() {
    return this == SS || this == SL || this == SV;
  }

  /** Removes the padding and the insignificant spaces of a decoded string value. */
  public String trim(String s) {
    int end = s.length();
    while (end > 0 && isPad(s.charAt(end - 1))) {
      end--;
    }
    int start = 0;
    if (trim == Trim.BOTH) {
      while (start < end && s.charAt(start) == ' ') {
        start++;
      }
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  private boolean isPad(char c) {
    return c == ' ' || (c == 0 && (this == UI || trim != Trim.NONE));
  }
}
