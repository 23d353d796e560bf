package org.tessera.dicom.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * The data elements of PS3.6 and PS3.7: VR, VM, keyword and retirement by tag, and tag by
 * keyword. Besides the listed elements it knows the ones PS3.5 defines by rule: Group Length
 * {@code (gggg,0000)} (7.2) and the Private Creator slots {@code (gggg,0010-00FF)} of odd groups
 * (7.8.1). Other private data elements are unknown and read as UN.
 *
 * <p>The table comes from {@code elements.tsv}, generated from the standard (see its header). It
 * is held as a sorted array of tags with a parallel array of entries and searched by binary
 * search; an instance is immutable and safe to share between threads.
 */
public final class ElementDictionary {

  /**
   * One data element, or a family of them for repeating groups and element ranges.
   *
   * @param tag the tag; for a family its first member, e.g. {@code 0x60003000} for
   *     {@code (60xx,3000)}
   * @param mask the bits of a member's tag that may differ from {@code tag}: 0 for one element,
   *     {@code 0x00FE0000} for the even groups 60xx
   * @param vr the VR, and the one to assume for Implicit VR Little Endian when the element has
   *     several (PS3.5 A.1); null for Item and the delimitation items, which have no VR
   * @param alternativeVr the other VR of an element that has two (Pixel Data: OW, else OB), or
   *     null
   * @param vm the value multiplicity as PS3.6 writes it: "1", "1-n", "2-2n"
   * @param keyword the keyword, or null for a group length or private creator known only by rule
   * @param retired whether PS3.6 lists the element as retired
   */
  public record Entry(
      int tag, int mask, VR vr, VR alternativeVr, String vm, String keyword, boolean retired) {

    /** Whether {@code tag} is this element or a member of its family. */
    public boolean matches(int tag) {
      return (tag & ~mask) == this.tag;
    }

    /** The tag in PS3.6 notation: {@code "(0010,0010)"}, {@code "(60xx,3000)"}. */
    public String pattern() {
      StringBuilder text = new StringBuilder(Tag.toString(tag));
      for (int digit = 0; digit < 8; digit++) {
        if ((mask >>> (28 - 4 * digit) & 0xF) != 0) {
          text.setCharAt(digit < 4 ? digit + 1 : digit + 2, 'x');
        }
      }
      return text.toString();
    }
  }

  private static final String RESOURCE = "elements.tsv";
  private static final String PRIVATE_CREATOR = "PrivateCreator";
  private static final String HEX_DIGITS = "0123456789ABCDEF";

  /** Loads the table on first use (class holder idiom), once per class loader. */
  private static final class Standard {
    static final ElementDictionary INSTANCE = load(RESOURCE);
  }

  /** Tags in ascending unsigned order; a family is listed by its first member. */
  private final int[] tags;
  /** Parallel to {@link #tags}. */
  private final Entry[] entries;
  /** The distinct masks of the families, tried in turn when a tag is not listed itself. */
  private final int[] familyMasks;
  private final Map<String, Integer> tagsByKeyword;
  /**
   * Open-addressing hash of the listed tags to 1 + their index (0: empty slot), so that the
   * per-element lookup of implicit VR parsing is one or two probes, not a binary search.
   */
  private final int[] slots;
  private final int[] slotTags;

  private ElementDictionary(
      int[] tags, Entry[] entries, int[] familyMasks, Map<String, Integer> tagsByKeyword) {
    this.tags = tags;
    this.entries = entries;
    this.familyMasks = familyMasks;
    this.tagsByKeyword = tagsByKeyword;
    int capacity = Integer.highestOneBit(tags.length * 3) << 1;
    this.slots = new int[capacity];
    this.slotTags = new int[capacity];
    for (int i = 0; i < tags.length; i++) {
      int slot = slotOf(tags[i]);
      while (slots[slot] != 0) {
        slot = (slot + 1) & (capacity - 1);
      }
      slots[slot] = i + 1;
      slotTags[slot] = tags[i];
    }
  }

  /** The dictionary of the standard edition the resource was generated from. */
  public static ElementDictionary standard() {
    return Standard.INSTANCE;
  }

  /**
   * The element of {@code tag}: a listed element, a member of a repeating group or element range,
   * a Group Length (UL, no keyword, retired except where listed, PS3.5 7.2) or a Private Creator
   * (LO, keyword "PrivateCreator"); null for private data elements and unknown tags.
   */
  public Entry entry(int tag) {
    int index = find(tag);
    if (index >= 0) {
      return entries[index];
    }
    if (Tag.isGroupLength(tag)) {
      return new Entry(tag, 0, VR.UL, null, "1", null, true);
    }
    if (Tag.isPrivateCreator(tag)) {
      return new Entry(tag, 0, VR.LO, null, "1", PRIVATE_CREATOR, false);
    }
    return null;
  }

  /**
   * The VR a reader assumes for {@code tag} when the encoding does not state it (Implicit VR):
   * the first of several alternatives (OW for Pixel Data, US for US|SS), UL for group lengths, LO
   * for private creators, UN for private data elements and unknown tags (PS3.5 6.2.2). Null for
   * Item and the delimitation items, which carry no VR in any encoding.
   */
  public VR vrOf(int tag) {
    if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && !Tag.isGroupLength(tag)) {
      return VR.UN;
    }
    int index = find(tag);
    if (index >= 0) {
      return entries[index].vr();
    }
    if (Tag.isGroupLength(tag)) {
      return VR.UL;
    }
    return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
  }

  /** The keyword of {@code tag} ("PatientName"), "PrivateCreator" for a creator slot, else null. */
  public String keywordOf(int tag) {
    Entry entry = entry(tag);
    return entry == null ? null : entry.keyword();
  }

  /** The tag of a keyword, the first member for a family ("OverlayData": 0x60003000); else -1. */
  public int tagOf(String keyword) {
    return tagsByKeyword.getOrDefault(keyword, -1);
  }

  /** The number of listed elements, each family counted once. */
  public int size() {
    return tags.length;
  }

  /** Index of the entry listing {@code tag} or its family, or -1. */
  private int find(int tag) {
    for (int slot = slotOf(tag); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
      if (slotTags[slot] == tag) {
        return slots[slot] - 1;
      }
    }
    int index;
    for (int mask : familyMasks) {
      index = binarySearch(tag & ~mask);
      if (index >= 0 && entries[index].mask() == mask) {
        return index;
      }
    }
    return -1;
  }

  private int slotOf(int tag) {
    return (tag * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(slots.length));
  }

  /** Tags from (8000,0000) up are negative as ints, so the order is unsigned. */
  private int binarySearch(int tag) {
    int low = 0;
    int high = tags.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = Integer.compareUnsigned(tags[middle], tag);
      if (order == 0) {
        return middle;
      }
      if (order < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return -1;
  }

  private static ElementDictionary load(String resource) {
    String text;
    try (InputStream in = ElementDictionary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return parse(resource, text);
  }

  /**
   * Parses the generated table; its header describes the format. Scans the text in place rather
   * than splitting it, as this runs cold on first use and should take a few milliseconds.
   */
  private static ElementDictionary parse(String source, String text) {
    int[] tags = new int[5000];
    Entry[] entries = new Entry[tags.length];
    Map<String, Integer> tagsByKeyword = new HashMap<>(tags.length * 2);
    int[] masks = new int[0];
    int size = 0;
    for (int start = 0, end; start < text.length(); start = end + 1) {
      end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end == start || text.charAt(start) == '#') {
        continue;
      }
      Entry entry = parseEntry(source, text, start, end);
      if (size > 0 && Integer.compareUnsigned(tags[size - 1], entry.tag()) >= 0) {
        throw badLine(source, text, start, end);
      }
      if (size == tags.length) {
        tags = Arrays.copyOf(tags, size * 2);
        entries = Arrays.copyOf(entries, size * 2);
      }
      tags[size] = entry.tag();
      entries[size++] = entry;
      tagsByKeyword.put(entry.keyword(), entry.tag());
      if (entry.mask() != 0 && !contains(masks, entry.mask())) {
        masks = Arrays.copyOf(masks, masks.length + 1);
        masks[masks.length - 1] = entry.mask();
      }
    }
    return new ElementDictionary(
        Arrays.copyOf(tags, size), Arrays.copyOf(entries, size), masks, tagsByKeyword);
  }

  /** One line {@code tag TAB vr TAB vm TAB keyword TAB retired}, from start to end. */
  private static Entry parseEntry(String source, String text, int start, int end) {
    int vrStart = start + 9;
    int vmStart = text.indexOf('\t', vrStart) + 1;
    int keywordStart = vmStart == 0 ? 0 : text.indexOf('\t', vmStart) + 1;
    int retiredStart = keywordStart == 0 ? 0 : text.indexOf('\t', keywordStart) + 1;
    if (vrStart > end || text.charAt(vrStart - 1) != '\t' || retiredStart != end - 1) {
      throw badLine(source, text, start, end);
    }
    int tag = 0;
    int mask = 0;
    for (int i = start; i < start + 8; i++) {
      char c = text.charAt(i);
      int digit = HEX_DIGITS.indexOf(c);
      if (digit < 0 && c != 'x' && c != 'o' && c != 'u') {
        throw badLine(source, text, start, end);
      }
      tag = tag << 4 | Math.max(digit, 0);
      mask = mask << 4 | (digit < 0 ? 0xF : 0);
    }
    // The letter in the last group digit says which groups of a family repeat: x even, o odd.
    char parity = text.charAt(start + 3);
    if (parity == 'x' || parity == 'o') {
      mask &= ~0x00010000;
      tag |= parity == 'o' ? 0x00010000 : 0;
    }
    int vrLength = vmStart - 1 - vrStart; // 2 (PN), 5 (OW|OB) or 4 (NONE)
    VR vr = vrLength == 4 ? null : vr(source, text, vrStart);
    VR alternative = vrLength == 5 ? vr(source, text, vrStart + 3) : null;
    return new Entry(tag, mask, vr, alternative,
        text.substring(vmStart, keywordStart - 1),
        text.substring(keywordStart, retiredStart - 1),
        text.charAt(retiredStart) == 'R');
  }

  private static VR vr(String source, String text, int at) {
    VR vr = VR.ofCode(text.charAt(at) << 8 | text.charAt(at + 1));
    if (vr == null) {
      throw new IllegalStateException(source + ": no VR " + text.substring(at, at + 2));
    }
    return vr;
  }

  private static IllegalStateException badLine(String source, String text, int start, int end) {
    return new IllegalStateException(source + ": bad line " + text.substring(start, end));
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }
}
