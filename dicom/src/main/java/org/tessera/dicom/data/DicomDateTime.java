package org.tessera.dicom.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Parses and formats DA, TM and DT values (PS3.5 6.2). Partial values ("2019", "1530") are
 * completed with the earliest instant they denote. The ACR-NEMA forms "YYYY.MM.DD" and
 * "HH:MM:SS" are accepted on input. Malformed values throw {@link DateTimeException}.
 */
public final class DicomDateTime {
  private DicomDateTime() {}

  /** Parses a DA value: YYYYMMDD (or YYYY.MM.DD). */
  public static LocalDate parseDate(String da) {
    String s = da.trim();
    if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
      s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
    }
    if (s.length() != 8) {
      throw new DateTimeException("DA value is not YYYYMMDD: '" + da + "'");
    }
    return LocalDate.of(digits(s, 0, 4, da), digits(s, 4, 2, da), digits(s, 6, 2, da));
  }

  /** Parses a TM value: HH[MM[SS[.F{1-6}]]] (or HH:MM:SS[.F]). */
  public static LocalTime parseTime(String tm) {
    String s = tm.trim();
    if (s.length() >= 5 && s.charAt(2) == ':') {
      s = s.replace(":", "");
    }
    int dot = s.indexOf('.');
    String hms = dot < 0 ? s : s.substring(0, dot);
    if (hms.length() != 2 && hms.length() != 4 && hms.length() != 6) {
      throw new DateTimeException("TM value is not HH[MM[SS[.FFFFFF]]]: '" + tm + "'");
    }
    int h = digits(hms, 0, 2, tm);
    int m = hms.length() >= 4 ? digits(hms, 2, 2, tm) : 0;
    int sec = hms.length() == 6 ? digits(hms, 4, 2, tm) : 0;
    return LocalTime.of(h, m, sec == 60 ? 59 : sec, nanos(s, dot, tm));
  }

  /** Parses a DT value without its offset: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]. */
  public static LocalDateTime parseDateTime(String dt) {
    String s = stripOffset(dt.trim());
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    int n = whole.length();
    if (n < 4 || n > 14 || n % 2 != 0 || (dot >= 0 && n != 14)) {
      throw new DateTimeException("DT value is not YYYY[MM[DD[HH[MM[SS[.F]]]]]]: '" + dt + "'");
    }
    return LocalDateTime.of(
        digits(whole, 0, 4, dt),
        n >= 6 ? digits(whole, 4, 2, dt) : 1,
        n >= 8 ? digits(whole, 6, 2, dt) : 1,
        n >= 10 ? digits(whole, 8, 2, dt) : 0,
        n >= 12 ? digits(whole, 10, 2, dt) : 0,
        n >= 14 ? digits(whole, 12, 2, dt) : 0,
        nanos(s, dot, dt));
  }

  /** The UTC offset suffix of a DT value ("&ZZXX"), or null if it has none. */
  public static ZoneOffset parseDateTimeOffset(String dt) {
    String s = dt.trim();
    int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
    if (sign < 4 || s.length() - sign != 5) {
      return null;
    }
    int hours = digits(s, sign + 1, 2, dt);
    int minutes = digits(s, sign + 3, 2, dt);
    int total = hours * 3600 + minutes * 60;
    return ZoneOffset.ofTotalSeconds(s.charAt(sign) == '-' ? -total : total);
  }

  public static String formatDate(LocalDate date) {
    return String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(),
        date.getDayOfMonth());
  }

  /** HHMMSS, with a fraction of up to six digits only when the time has one. */
  public static String formatTime(LocalTime time) {
    String hms = String.format("%02d%02d%02d", time.getHour(), time.getMinute(),
        time.getSecond());
    int micros = time.getNano() / 1000;
    return micros == 0 ? hms : hms + String.format(".%06d", micros);
  }

  public static String formatDateTime(LocalDateTime dateTime) {
    return formatDate(dateTime.toLocalDate()) + formatTime(dateTime.toLocalTime());
  }

  private static String stripOffset(String s) {
    int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
    return sign >= 4 && s.length() - sign == 5 ? s.substring(0, sign) : s;
  }

  private static int nanos(String s, int dot, String original) {
    if (dot < 0 || dot == s.length() - 1) {
      return 0;
    }
    String f = s.substring(dot + 1);
    if (f.length() > 6) {
      throw new DateTimeException("fraction longer than 6 digits: '" + original + "'");
    }
    return digits(f, 0, f.length(), original) * (int) Math.pow(10, 9 - f.length());
  }

  private static int digits(String s, int from, int count, String original) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("not a digit at " + i + ": '" + original + "'");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
