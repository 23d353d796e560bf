package org.tessera.server.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Masks secrets in values shown to people (the effective configuration in the log, values
 * quoted in error messages). A key whose name mentions a password, secret or token is masked
 * whole; in any other value, the password of a URL ({@code scheme://user:password@host}) and a
 * {@code password=} query parameter are.
 */
final class Secrets {

  static final String MASK = "***";

  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("([?&]password=)[^&#]*", Pattern.CASE_INSENSITIVE);

  private Secrets() {
  }

  static String mask(String keyPath, String text) {
    String name = keyPath.substring(keyPath.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (name.contains("password") || name.contains("secret") || name.contains("token")) {
      return text.isEmpty() ? text : MASK;
    }
    return QUERY_PASSWORD.matcher(maskUserInfoPassword(text)).replaceAll("$1" + MASK);
  }

  /**
   * Masks from the first colon after {@code ://} to the last {@code @}: a password may hold an
   * unescaped {@code @} or {@code /}, so this errs towards masking too much.
   */
  private static String maskUserInfoPassword(String text) {
    int scheme = text.indexOf("://");
    if (scheme < 0) {
      return text;
    }
    int userStart = scheme + 3;
    int at = text.lastIndexOf('@');
    int colon = text.indexOf(':', userStart);
    if (at < 0 || colon < 0 || colon > at) {
      return text;
    }
    return text.substring(0, colon + 1) + MASK + text.substring(at);
  }
}
