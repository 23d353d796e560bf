package org.tessera.archive.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest every stored file carries (NBIA and duplicate detection compare it). */
final class Md5 {
  private Md5() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The Java platform lacks MD5", e);
    }
  }
}
