package org.tessera.dicom.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The UID registry of PS3.6 Annex A: transfer syntaxes, SOP classes, well-known instances,
 * coding schemes and the rest, by UID and by keyword. Loaded once from {@code uids.tsv}, which is
 * generated from the standard (see its header); immutable and safe to share between threads.
 */
public final class UidDictionary {

  /**
   * One registered UID.
   *
   * @param uid the UID
   * @param type the registry's UID Type: "Transfer Syntax", "SOP Class", "Meta SOP Class",
   *     "Well-known SOP Instance", "Coding Scheme" ...
   * @param keyword the keyword, or null for the two retired UIDs PS3.6 lists without one
   * @param name the name, "CT Image Storage"; empty where PS3.6 lists none
   * @param retired whether the registry marks the UID retired
   */
  public record Entry(String uid, String type, String keyword, String name, boolean retired) {}

  private static final String RESOURCE = "uids.tsv";
  private static final String SOP_CLASS = "SOP Class";
  /** The DICOMDIR: a Media Storage SOP class (PS3.10), not one of PS3.4 Annex B. */
  private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

  /** Loads the table on first use (class holder idiom). */
  private static final class Standard {
    static final UidDictionary INSTANCE = load(RESOURCE);
  }

  private final List<Entry> entries;
  private final Map<String, Entry> byUid;
  private final Map<String, Entry> byKeyword;
  private final Set<String> storageSopClasses;

  private UidDictionary(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    this.byUid = new HashMap<>(entries.size() * 2);
    this.byKeyword = new HashMap<>(entries.size() * 2);
    this.storageSopClasses = new HashSet<>();
    for (Entry entry : entries) {
      byUid.put(entry.uid(), entry);
      if (entry.keyword() != null) {
        byKeyword.put(entry.keyword(), entry);
      }
      if (isStorage(entry)) {
        storageSopClasses.add(entry.uid());
      }
    }
  }

  /** The registry of the standard edition the resource was generated from. */
  public static UidDictionary standard() {
    return Standard.INSTANCE;
  }

  /** The registry entry of {@code uid}, or null if it is not registered. */
  public Entry entry(String uid) {
    return byUid.get(uid);
  }

  /** The name of {@code uid} ("Explicit VR Little Endian"), or the uid itself if it has none. */
  public String nameOf(String uid) {
    Entry entry = byUid.get(uid);
    return entry == null || entry.name().isEmpty() ? uid : entry.name();
  }

  /** The UID of a keyword ("CTImageStorage"), or null if no UID has it. */
  public String uidOf(String keyword) {
    Entry entry = byKeyword.get(keyword);
    return entry == null ? null : entry.uid();
  }

  /** The entries of one UID Type ("Transfer Syntax"), retired ones included, ordered by UID. */
  public List<Entry> ofType(String type) {
    List<Entry> result = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.type().equals(type)) {
        result.add(entry);
      }
    }
    return List.copyOf(result);
  }

  /**
   * Whether {@code uid} is a Storage SOP class (PS3.4 Annex B, and the non-patient objects of
   * Annex GG such as Hanging Protocol Storage), retired ones included because old modalities still
   * send them. The registry has no such flag; these are the SOP classes named "... Storage",
   * "... Storage - For Processing" (or another qualifier) and the retired "... Storage SOP Class".
   */
  public boolean isStorageSopClass(String uid) {
    return storageSopClasses.contains(uid);
  }

  private static boolean isStorage(Entry entry) {
    String name = entry.name();
    return entry.type().equals(SOP_CLASS)
        && !entry.uid().equals(MEDIA_STORAGE_DIRECTORY)
        && (name.endsWith(" Storage")
            || name.contains(" Storage - ")
            || name.endsWith(" Storage SOP Class"));
  }

  private static UidDictionary load(String resource) {
    String text;
    try (InputStream in = UidDictionary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 5) {
        throw new IllegalStateException(resource + ": bad line " + line);
      }
      String keyword = fields[2].isEmpty() ? null : fields[2];
      entries.add(new Entry(fields[0], fields[1], keyword, fields[3], fields[4].equals("R")));
    }
    return new UidDictionary(entries);
  }
}
