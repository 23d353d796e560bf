package org.tessera.archive.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys of placed files: {@code ab/cd/<h>-<r>}, where {@code h} is the first 32 hex digits of the
 * SHA-256 of the name (a SOP Instance UID), {@code ab} and {@code cd} its first two bytes, and
 * {@code r} 48 random bits in hex. The hash spreads files evenly over 65,536 directories whatever
 * the UIDs look like; the random part gives a second placement of one name a new key.
 */
final class KeyLayout {
  private static final HexFormat HEX = HexFormat.of();

  private KeyLayout() {}

  /** A fresh key for {@code name}; two calls with one name give two keys. */
  static String newKey(String name) {
    String hash = sha256Hex(name);
    // 2^48 values: two placements of one name colliding is not a practical concern
    String random = HEX.toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
    return hash.substring(0, 2) + '/' + hash.substring(2, 4) + '/' + hash.substring(0, 32)
        + '-' + random;
  }

  /** The fan-out directories of {@code key}: {@code ab/cd/...} gives {@code ab} and {@code cd}. */
  static String topDirectory(String key) {
    return key.substring(0, 2);
  }

  static String leafDirectory(String key) {
    return key.substring(3, 5);
  }

  /**
   * Whether {@code key} is a relative path of '/'-separated names that cannot leave the root:
   * not empty, no empty, {@code .} or {@code ..} segment, no backslash, drive colon or NUL.
   * Any such key is accepted, not only the current layout's.
   */
  static boolean isWellFormed(String key) {
    if (key == null || key.isEmpty() || key.indexOf('\\') >= 0 || key.indexOf(':') >= 0
        || key.indexOf('\0') >= 0) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static String sha256Hex(String name) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(sha256.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The Java platform lacks SHA-256", e);
    }
  }
}
