package org.tessera.dicom.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.tessera.dicom.data.VR;

/**
 * Where DICOM numbers and JSON numbers (RFC 8259 6) disagree. A DS or IS value may carry a '+',
 * leading zeros, or a decimal point without digits on one side ("+.5", "007", "1."), none of
 * which JSON allows; JSON has no NaN or infinity, which FL and FD may hold (PS3.5 6.2); and
 * integers beyond 2^53 lose precision in the many readers that hold JSON numbers as doubles.
 */
final class JsonNumbers {
  /** Largest integer every JSON reader holds exactly (RFC 8259 6). */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  static final String NAN = "NaN";
  static final String INFINITY = "Infinity";
  static final String NEGATIVE_INFINITY = "-Infinity";

  private JsonNumbers() {}

  /**
   * The text of a DS or IS value as a JSON number: '+' dropped, leading zeros of the integer part
   * dropped, a missing integer part written as 0 and an empty fraction dropped, so "+.5" becomes
   * "0.5" and "1." becomes "1". Returns {@code s} itself when it is already a JSON number, and
   * null when it is no decimal number at all (the caller then writes it as a string, which
   * PS3.18 F.2.3 allows for DS and IS).
   */
  static String toJsonNumber(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int intStart = i;
    i = skipDigits(s, i);
    int intEnd = i;
    int fracStart = -1;
    int fracEnd = -1;
    if (i < n && s.charAt(i) == '.') {
      fracStart = i + 1;
      i = skipDigits(s, fracStart);
      fracEnd = i;
    }
    boolean hasFraction = fracEnd > fracStart;
    if (intEnd == intStart && !hasFraction) {
      return null;
    }
    int expStart = i;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int digits = i;
      i = skipDigits(s, i);
      if (i == digits) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    int firstDigit = intStart;
    while (firstDigit < intEnd - 1 && s.charAt(firstDigit) == '0') {
      firstDigit++;
    }
    boolean valid = s.charAt(0) != '+' && intEnd > intStart && firstDigit == intStart
        && (fracStart < 0 || hasFraction);
    if (valid) {
      return s;
    }
    StringBuilder b = new StringBuilder(n + 1);
    if (negative) {
      b.append('-');
    }
    if (intEnd == intStart) {
      b.append('0');
    } else {
      b.append(s, firstDigit, intEnd);
    }
    if (hasFraction) {
      b.append('.').append(s, fracStart, fracEnd);
    }
    return b.append(s, expStart, n).toString();
  }

  private static int skipDigits(String s, int i) {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** The string that stands for a NaN or infinite FL or FD value. */
  static String nonFinite(double v) {
    return Double.isNaN(v) ? NAN : v > 0 ? INFINITY : NEGATIVE_INFINITY;
  }

  /**
   * The NaN or infinity a string stands for: "NaN", "Infinity", "-Infinity", also "+Infinity",
   * "inf", "+inf" and "-inf" as other producers write them, in any case; null for anything else.
   */
  static Double parseNonFinite(String s) {
    String t = s.startsWith("+") ? s.substring(1) : s;
    if (t.equalsIgnoreCase(NAN)) {
      return Double.NaN;
    }
    if (t.equalsIgnoreCase(INFINITY) || t.equalsIgnoreCase("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.equalsIgnoreCase(NEGATIVE_INFINITY) || t.equalsIgnoreCase("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    return null;
  }

  /**
   * Parses an integer of a binary VR (SS, US, SL, UL, SV, UV) from JSON number or string text,
   * checking it against the VR's range; "12.0" and "1.2e1" are accepted as 12. UV values above
   * 2^63 - 1 come back as the negative long with the same 64 bits.
   *
   * @throws NumberFormatException if the text is no integer or out of the VR's range
   */
  static long parseInteger(String text, VR vr) {
    int bits = vr.bytesPerValue() * 8;
    boolean signed = vr.isSignedInteger();
    BigInteger v;
    try {
      long plain = Long.parseLong(text);
      long min = signed ? -(1L << (bits - 1)) : 0;
      long max = bits == 64 ? Long.MAX_VALUE : signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
      if (plain >= min && plain <= max) {
        return plain;
      }
      v = BigInteger.valueOf(plain);
    } catch (NumberFormatException notPlain) {
      v = exactInteger(text, vr);
    }
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max = (signed ? BigInteger.ONE.shiftLeft(bits - 1) : BigInteger.ONE.shiftLeft(bits))
        .subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new NumberFormatException(text + " is outside the " + vr + " range [" + min + ", "
          + max + "]");
    }
    return v.longValue();
  }

  /** The integer "12.0" or "1.2e1" stands for, without expanding "1e999999999". */
  private static BigInteger exactInteger(String text, VR vr) {
    BigDecimal d;
    try {
      d = new BigDecimal(text).stripTrailingZeros();
    } catch (NumberFormatException e) {
      throw new NumberFormatException("'" + text + "' is not a number");
    }
    if (d.scale() > 0) {
      throw new NumberFormatException(text + " is not an integer");
    }
    if (d.precision() - d.scale() > 20) {
      throw new NumberFormatException(text + " is outside the " + vr + " range");
    }
    return d.toBigIntegerExact();
  }

  /** Whether an SV or UV value is written as a JSON number rather than a string. */
  static boolean isSafeInteger(long v, boolean unsigned) {
    return unsigned ? v >= 0 && v <= MAX_SAFE_INTEGER
        : v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER;
  }
}
