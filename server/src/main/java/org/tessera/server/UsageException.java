package org.tessera.server;

/** A command line that cannot be run; the message says what is wrong, for a person. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    // expected failure: no stack trace
    super(message, null, false, false);
  }
}
