package org.tessera.server.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.tessera.dimse.ArchiveAeTitles;

/**
 * What a key accepts beyond its type, checked for every source alike. Rules by path come
 * first; then every int named {@code port} or {@code ...Port} is a TCP port, and every other
 * number is 0 or more (no key gives a negative number a meaning).
 */
final class ValueChecks {

  /**
   * One rule.
   *
   * @param accepts true for a value of the key's type that the key takes
   * @param expected what it takes, completing "... is not "
   */
  record Check(Predicate<Object> accepts, String expected) {
  }

  static final Check PORT = new Check(
      value -> (int) value >= 0 && (int) value <= 65535, "a port number (0 to 65535)");

  static final Check NOT_NEGATIVE = new Check(
      value -> ((Number) value).longValue() >= 0, "a whole number, 0 or more");

  static final Check POSITIVE = new Check(
      value -> ((Number) value).longValue() > 0, "a whole number, 1 or more");

  /** PS3.5 6.2, VR AE: at most 16 characters of the default repertoire, no backslash; spaces are padding. */
  static final Check AE_TITLE = new Check(
      value -> ArchiveAeTitles.isAeTitle((String) value),
      "an AE title (1 to 16 printable ASCII characters, no backslash, not only spaces)");

  static final Check POSTGRESQL_URL = new Check(
      value -> ((String) value).isEmpty()
          || ((String) value).startsWith("postgresql://") || ((String) value).startsWith("postgres://"),
      "empty (the embedded server) or a URL starting with postgresql:// or postgres://");

  static final Check TIMEOUT = new Check(
      value -> !((Duration) value).isZero(), "a duration above 0 such as 500ms, 30s, 5m, 2h or 1d");

  /** PS3.8 D.1 allows any length; below 4 KiB some peers cannot send a command set at all. */
  static final Check PDU_LENGTH = new Check(
      value -> (int) value >= 4096, "a length in bytes of 4096 or more");

  /** Empty, or UIDs separated by commas (spaces around them ignored). */
  static final Check UID_LIST = new Check(
      value -> java.util.Arrays.stream(((String) value).split(",")).map(String::strip)
          .allMatch(uid -> uid.isEmpty() || org.tessera.dicom.data.Uid.isValid(uid)),
      "a comma-separated list of UIDs");

  /** Empty, or AE titles separated by commas (spaces around them ignored). */
  static final Check AE_TITLE_LIST = new Check(
      value -> java.util.Arrays.stream(((String) value).split(",")).map(String::strip)
          .allMatch(t -> t.isEmpty() || ArchiveAeTitles.isAeTitle(t)),
      "a comma-separated list of AE titles");

  /** Empty, or {@code AET=value} entries of {@link org.tessera.dimse.AeAccess}. */
  static final Check AE_ACCESS = parsedBy(org.tessera.dimse.AeAccess::parse,
      "a comma-separated list of AET=* / AET=public / AET=collection|collection entries");

  /**
   * Empty, or {@code name=AET} entries of {@link ArchiveAeTitles}; a clash with
   * {@code dimse.aeTitle} is found when the record is built.
   */
  static final Check ARCHIVES = parsedBy(ArchiveAeTitles::parseArchives,
      "a comma-separated list of name=AET entries (names of lowercase letters, digits, - and _, "
      + "not default; each name and AE title once)");

  /**
   * Empty, or {@code archive=AET|AET} entries; an archive that is neither {@code default} nor in
   * {@code dimse.archives} is found when the record is built.
   */
  static final Check ARCHIVE_CALLING_AE_TITLES = parsedBy(ArchiveAeTitles::parseCallingAeTitles,
      "a comma-separated list of archive=AET|AET... entries, each archive once");

  /** Empty, or {@code AET=host:port} entries separated by commas. */
  static final Check MOVE_DESTINATIONS = parsedBy(org.tessera.dimse.MoveDestinations::parse,
      "a comma-separated list of AET=host:port entries");

  /** A string that {@code parser} accepts without an IllegalArgumentException. */
  private static Check parsedBy(java.util.function.Consumer<String> parser, String expected) {
    return new Check(value -> {
      try {
        parser.accept((String) value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }, expected);
  }

  /** Rules for single keys; {@code ConfigLoaderTest} checks that every path names a key. */
  static final Map<String, Check> BY_PATH = Map.ofEntries(
      Map.entry("dimse.aeTitle", AE_TITLE),
      Map.entry("dimse.archives", ARCHIVES),
      Map.entry("dimse.maxPduLength", PDU_LENGTH),
      Map.entry("dimse.artimTimeout", TIMEOUT),
      Map.entry("dimse.idleTimeout", TIMEOUT),
      Map.entry("dimse.maxAssociations", POSITIVE),
      Map.entry("dimse.transferSyntaxes", UID_LIST),
      Map.entry("dimse.moveDestinations", MOVE_DESTINATIONS),
      Map.entry("dimse.allowedCallingAeTitles", AE_TITLE_LIST),
      Map.entry("dimse.archiveCallingAeTitles", ARCHIVE_CALLING_AE_TITLES),
      Map.entry("dimse.aeAccess", AE_ACCESS),
      Map.entry("database.url", POSTGRESQL_URL),
      Map.entry("database.poolSize", POSITIVE),
      Map.entry("database.connectTimeout", TIMEOUT),
      Map.entry("ingest.maxHeaderValueLength", POSITIVE));

  private ValueChecks() {
  }

  /** The rule for {@code key}, if it has one. */
  static Optional<Check> of(ConfigSchema.Key key) {
    Check byPath = BY_PATH.get(key.path());
    if (byPath != null) {
      return Optional.of(byPath);
    } else if (key.type() == int.class && (key.name().equals("port") || key.name().endsWith("Port"))) {
      return Optional.of(PORT);
    } else if (key.type() == int.class || key.type() == long.class) {
      return Optional.of(NOT_NEGATIVE);
    }
    return Optional.empty();
  }
}
