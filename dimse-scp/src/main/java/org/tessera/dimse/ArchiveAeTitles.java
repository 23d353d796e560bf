package org.tessera.dimse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tessera.archive.database.ArchiveCreationService;
import org.tessera.archive.ingest.IngestContext;

/**
 * The archives of a DIMSE port by called AE title, since the called AE title selects the
 * archive: {@link DimseOptions#aeTitle()} the archive {@code default}, each entry of
 * {@link DimseOptions#archives()} ({@code name=AET}, separated by commas) another one. Each
 * archive lets in the calling AE titles {@link DimseOptions#archiveCallingAeTitles()} lists for
 * it ({@code archive=AET|AET}, separated by commas), or else those of
 * {@link DimseOptions#allowedCallingAeTitles()} (empty: any). AE titles are compared without
 * their leading and trailing spaces, which are not significant (PS3.5 6.2, AE).
 */
public final class ArchiveAeTitles {

  /**
   * One archive as peers reach it.
   *
   * @param archive the archive's name
   * @param aeTitle the called AE title that selects it
   * @param allowedCallingAeTitles the calling AE titles it lets in; empty: any
   */
  public record ArchiveAe(String archive, String aeTitle, Set<String> allowedCallingAeTitles) {
    public ArchiveAe {
      allowedCallingAeTitles = Set.copyOf(allowedCallingAeTitles);
    }

    /** Whether {@code callingAeTitle} may associate with this archive. */
    public boolean allows(String callingAeTitle) {
      return allowedCallingAeTitles.isEmpty()
          || (callingAeTitle != null && allowedCallingAeTitles.contains(callingAeTitle.strip()));
    }
  }

  /** By called AE title; the default archive first. */
  private final Map<String, ArchiveAe> byAeTitle;

  private ArchiveAeTitles(Map<String, ArchiveAe> byAeTitle) {
    this.byAeTitle = byAeTitle;
  }

  /**
   * The archives of a port.
   *
   * @param aeTitle the default archive's AE title
   * @param archives further archives: {@code name=AET} entries
   * @param archiveCallingAeTitles {@code archive=AET|AET} entries
   * @param allowedCallingAeTitles AE titles separated by commas, for archives not listed there
   * @throws IllegalArgumentException naming the key and the entry at fault: malformed, a name
   *     or AE title given twice (the default archive's included), or an unknown archive
   */
  public static ArchiveAeTitles parse(String aeTitle, String archives,
      String archiveCallingAeTitles, String allowedCallingAeTitles) {
    Map<String, String> aeTitleByArchive = new LinkedHashMap<>();
    aeTitleByArchive.put(IngestContext.DEFAULT_ARCHIVE, aeTitle.strip());
    parseArchives(archives).forEach((name, title) -> {
      String other = aeTitleByArchive.entrySet().stream().filter(e -> e.getValue().equals(title))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      if (other != null) {
        throw new IllegalArgumentException("archives: AE title " + title + " of archive " + name
            + " already selects archive " + other
            + (other.equals(IngestContext.DEFAULT_ARCHIVE) ? " (aeTitle)" : ""));
      }
      aeTitleByArchive.put(name, title);
    });
    Map<String, Set<String>> callingByArchive = parseCallingAeTitles(archiveCallingAeTitles);
    for (String archive : callingByArchive.keySet()) {
      if (!aeTitleByArchive.containsKey(archive)) {
        throw new IllegalArgumentException("archiveCallingAeTitles: \"" + archive
            + "\" is not an archive (" + String.join(", ", aeTitleByArchive.keySet()) + ")");
      }
    }
    Set<String> others = Set.copyOf(split(allowedCallingAeTitles, ","));
    Map<String, ArchiveAe> byAeTitle = new LinkedHashMap<>();
    aeTitleByArchive.forEach((archive, title) -> byAeTitle.put(title,
        new ArchiveAe(archive, title, callingByArchive.getOrDefault(archive, others))));
    return new ArchiveAeTitles(byAeTitle);
  }

  /**
   * The further archives of {@code entries} ({@code name=AET}, separated by commas), their AE
   * titles by name in the order given.
   *
   * @throws IllegalArgumentException naming an entry that is malformed, has a name that is not
   *     {@link ArchiveCreationService#isValidName valid} or {@code default}, or repeats a name
   *     or AE title
   */
  public static Map<String, String> parseArchives(String entries) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String entry : split(entries, ",")) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry : entry.substring(0, eq).strip();
      String title = eq < 0 ? "" : entry.substring(eq + 1).strip();
      if (!ArchiveCreationService.isValidName(name) || !isAeTitle(title)) {
        throw new IllegalArgumentException("archives: \"" + entry + "\" is not name=AET "
            + "(a name of lowercase letters, digits, - and _; an AE title)");
      }
      if (name.equals(IngestContext.DEFAULT_ARCHIVE)) {
        throw new IllegalArgumentException("archives: the archive default is not listed: "
            + "aeTitle is its AE title");
      }
      if (byName.containsKey(name)) {
        throw new IllegalArgumentException("archives: archive " + name + " is listed twice");
      }
      if (byName.containsValue(title)) {
        throw new IllegalArgumentException("archives: AE title " + title
            + " is given to two archives");
      }
      byName.put(name, title);
    }
    return byName;
  }

  /**
   * The calling AE titles by archive of {@code entries} ({@code archive=AET|AET}, separated by
   * commas), archives in the order given.
   *
   * @throws IllegalArgumentException naming an entry that is malformed (a name that is not
   *     valid, no AE title, an AE title that is not one) or an archive listed twice
   */
  public static Map<String, Set<String>> parseCallingAeTitles(String entries) {
    Map<String, Set<String>> byArchive = new LinkedHashMap<>();
    for (String entry : split(entries, ",")) {
      int eq = entry.indexOf('=');
      String archive = eq < 0 ? entry : entry.substring(0, eq).strip();
      List<String> titles = eq < 0 ? List.of() : split(entry.substring(eq + 1), "\\|");
      if (!ArchiveCreationService.isValidName(archive) || titles.isEmpty()
          || !titles.stream().allMatch(ArchiveAeTitles::isAeTitle)) {
        throw new IllegalArgumentException("archiveCallingAeTitles: \"" + entry
            + "\" is not archive=AET|AET... (an archive name; one or more AE titles)");
      }
      if (byArchive.put(archive, new LinkedHashSet<>(titles)) != null) {
        throw new IllegalArgumentException("archiveCallingAeTitles: archive " + archive
            + " is listed twice");
      }
    }
    return byArchive;
  }

  /**
   * PS3.5 6.2, VR AE: at most 16 characters of the default repertoire without backslash or
   * control characters, not only spaces (which are padding).
   */
  public static boolean isAeTitle(String title) {
    if (title == null || title.isEmpty() || title.length() > 16 || title.isBlank()) {
      return false;
    }
    return title.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '\\');
  }

  /** The archive that {@code calledAeTitle} selects, if any. */
  public Optional<ArchiveAe> called(String calledAeTitle) {
    return Optional.ofNullable(calledAeTitle == null ? null : byAeTitle.get(calledAeTitle.strip()));
  }

  /** Every archive of the port, the default one first. */
  public List<ArchiveAe> all() {
    return List.copyOf(byAeTitle.values());
  }

  /** The names of the archives besides {@code default}: those to create at start-up. */
  public List<String> furtherArchives() {
    List<String> names = new ArrayList<>();
    for (ArchiveAe ae : byAeTitle.values()) {
      if (!ae.archive().equals(IngestContext.DEFAULT_ARCHIVE)) {
        names.add(ae.archive());
      }
    }
    return names;
  }

  private static List<String> split(String text, String separator) {
    return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }
}
