package org.tessera.dicom.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import org.tessera.dicom.internal.ValueCodec;

/**
 * A DICOM data set (or sequence item): elements ordered by tag in three parallel arrays found by
 * binary search. Values stay as they were read — raw bytes in the data set's byte order and
 * character set — and are decoded only when a getter asks. A value is one of: {@code null}
 * (empty), {@code byte[]} (raw), {@code String} (set through the API; values joined by '\'),
 * {@link Sequence}, {@link Fragments} or {@link BulkDataRef}.
 *
 * <p>Not thread-safe: one thread builds or changes a data set; once complete it may be read
 * concurrently.
 */
public final class Attributes {
  private static final int SPECIFIC_CHARACTER_SET = 0x00080005;

  private final boolean bigEndian;
  private Attributes parent;
  private int[] tags;
  private VR[] vrs;
  private Object[] values;
  private int size;
  private SpecificCharacterSet charset;
  private boolean undefinedLength = true;

  /** An empty little-endian data set. */
  public Attributes() {
    this(false, 32);
  }

  /**
   * An empty data set whose binary values are held in the given byte order.
   *
   * @param initialCapacity number of elements before the arrays grow
   */
  public Attributes(boolean bigEndian, int initialCapacity) {
    this.bigEndian = bigEndian;
    int n = Math.max(initialCapacity, 4);
    this.tags = new int[n];
    this.vrs = new VR[n];
    this.values = new Object[n];
  }

  /** A deep copy of {@code other}: sequences and fragments are copied, byte arrays shared. */
  public Attributes(Attributes other) {
    this(other.bigEndian, other.size);
    addAll(other);
    this.undefinedLength = other.undefinedLength;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Whether binary values are big endian (data read from Explicit VR Big Endian). */
  public boolean bigEndian() {
    return bigEndian;
  }

  /** The data set this item belongs to, or null for a top-level data set. */
  public Attributes parent() {
    return parent;
  }

  void parent(Attributes parent) {
    this.parent = parent;
  }

  /**
   * Whether this data set, as a sequence item, was read with (or is to be written with)
   * undefined length and an Item Delimitation Item.
   */
  public boolean undefinedLength() {
    return undefinedLength;
  }

  public void undefinedLength(boolean undefined) {
    this.undefinedLength = undefined;
  }

  /** The character set of this data set's text: its own (0008,0005), else its parent's. */
  public SpecificCharacterSet specificCharacterSet() {
    if (charset != null) {
      return charset;
    }
    return parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
  }

  // ---- index access, in tag order: the way writers walk a data set

  public int tagAt(int index) {
    return tags[checkIndex(index)];
  }

  public VR vrAt(int index) {
    return vrs[checkIndex(index)];
  }

  /** The stored value: null, byte[], String, Sequence, Fragments or BulkDataRef. */
  public Object valueAt(int index) {
    return values[checkIndex(index)];
  }

  /** Index of {@code tag}, or {@code -(insertion point) - 1} if absent. */
  public int indexOf(int tag) {
    if (size == 0 || Integer.compareUnsigned(tags[size - 1], tag) < 0) {
      return -size - 1;
    }
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Integer.compareUnsigned(tags[mid], tag);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  public boolean contains(int tag) {
    return indexOf(tag) >= 0;
  }

  /** Whether the element is present with a non-empty value. */
  public boolean containsValue(int tag) {
    int i = indexOf(tag);
    return i >= 0 && !isEmptyValue(values[i]);
  }

  /** The VR of an element, or null if absent. */
  public VR vrOf(int tag) {
    int i = indexOf(tag);
    return i >= 0 ? vrs[i] : null;
  }

  /** The stored value of an element (see the class comment), or null. */
  public Object getValue(int tag) {
    int i = indexOf(tag);
    return i >= 0 ? values[i] : null;
  }

  // ---- typed getters

  /** The first value as text, trimmed as its VR requires; null if absent or empty. */
  public String getString(int tag) {
    return getString(tag, null);
  }

  public String getString(int tag, String defaultValue) {
    String[] s = getStrings(tag);
    return s == null || s.length == 0 || s[0].isEmpty() ? defaultValue : s[0];
  }

  /**
   * All values as text (binary numbers formatted, AT as GGGGEEEE): null if absent, an empty array
   * if the value is empty.
   */
  public String[] getStrings(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    VR vr = vrs[i];
    Object v = values[i];
    if (v instanceof String s) {
      return ValueCodec.split(s, vr);
    }
    byte[] raw = rawAt(i);
    return vr.isString() ? ValueCodec.split(ValueCodec.decode(raw, vr, specificCharacterSet()), vr)
        : ValueCodec.toStrings(raw, vr, bigEndian);
  }

  /** The first value as an int (IS, DS truncated, or a binary integer); default if absent. */
  public int getInt(int tag, int defaultValue) {
    return (int) getLong(tag, defaultValue);
  }

  public long getLong(int tag, long defaultValue) {
    long[] v = getLongs(tag);
    return v == null || v.length == 0 ? defaultValue : v[0];
  }

  /** All values as ints; null if absent. */
  public int[] getInts(int tag) {
    long[] v = getLongs(tag);
    return v == null ? null : Arrays.stream(v).mapToInt(x -> (int) x).toArray();
  }

  /** All values as longs (IS, DS truncated, or binary integers; AT as tags); null if absent. */
  public long[] getLongs(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    return holdsText(i) ? ValueCodec.parseIntegers(getStrings(tag), tag)
        : ValueCodec.getLongs(rawAt(i), vrs[i], bigEndian);
  }

  public double getDouble(int tag, double defaultValue) {
    double[] v = getDoubles(tag);
    return v == null || v.length == 0 ? defaultValue : v[0];
  }

  /** All values as doubles (DS, IS or binary numbers); null if absent. */
  public double[] getDoubles(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    return holdsText(i) ? ValueCodec.parseDecimals(getStrings(tag), tag)
        : ValueCodec.getDoubles(rawAt(i), vrs[i], bigEndian);
  }

  /** The first DA value; null if absent or empty. */
  public LocalDate getDate(int tag) {
    String s = getString(tag);
    return s == null ? null : DicomDateTime.parseDate(s);
  }

  /** The first TM value; null if absent or empty. */
  public LocalTime getTime(int tag) {
    String s = getString(tag);
    return s == null ? null : DicomDateTime.parseTime(s);
  }

  /** The first DT value without its UTC offset; null if absent or empty. */
  public LocalDateTime getDateTime(int tag) {
    String s = getString(tag);
    return s == null ? null : DicomDateTime.parseDateTime(s);
  }

  /** The first PN value; null if absent or empty. */
  public PersonName getPersonName(int tag) {
    String s = getString(tag);
    return s == null ? null : PersonName.parse(s);
  }

  /**
   * The value as bytes in this data set's byte order and character set (text encoded and padded
   * as it would be written); null if absent. Not for sequences, fragments or bulk data.
   */
  public byte[] getBytes(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : rawAt(i);
  }

  public Sequence getSequence(int tag) {
    Object v = getValue(tag);
    return v instanceof Sequence s ? s : null;
  }

  public Fragments getFragments(int tag) {
    Object v = getValue(tag);
    return v instanceof Fragments f ? f : null;
  }

  public BulkDataRef getBulkDataRef(int tag) {
    Object v = getValue(tag);
    return v instanceof BulkDataRef b ? b : null;
  }

  // ---- setters: each replaces the element if present

  /** Sets string values (none: an empty value). Binary VRs parse the strings as numbers. */
  public void setString(int tag, VR vr, String... strings) {
    if (vr.isString()) {
      put(tag, vr, strings.length == 0 ? null : String.join("\\", strings));
      return;
    }
    if (vr == VR.AT) {
      put(tag, vr, ValueCodec.encodeLongs(
          Arrays.stream(strings).mapToLong(s -> Tag.parse(s) & 0xFFFFFFFFL).toArray(),
          vr, bigEndian));
    } else if (vr.isFloatingPoint()) {
      setDouble(tag, vr, Arrays.stream(strings).mapToDouble(Double::parseDouble).toArray());
    } else if (vr.kind() == VR.Kind.BINARY || vr.isBulk()) {
      setLong(tag, vr, Arrays.stream(strings).mapToLong(s -> ValueCodec.parseInteger(s, tag))
          .toArray());
    } else {
      throw new IllegalArgumentException("cannot set strings on " + vr + " " + Tag.toString(tag));
    }
  }

  public void setInt(int tag, VR vr, int... ints) {
    setLong(tag, vr, Arrays.stream(ints).asLongStream().toArray());
  }

  /** Sets integer values: IS/DS as text, binary VRs (AT: tags) encoded in this byte order. */
  public void setLong(int tag, VR vr, long... longs) {
    if (vr == VR.IS || vr == VR.DS) {
      put(tag, vr, longs.length == 0 ? null
          : String.join("\\", Arrays.stream(longs).mapToObj(Long::toString).toList()));
    } else {
      put(tag, vr, longs.length == 0 ? null : ValueCodec.encodeLongs(longs, vr, bigEndian));
    }
  }

  /** Sets decimal values: DS/IS as text (DS at most 16 characters), binary VRs encoded. */
  public void setDouble(int tag, VR vr, double... doubles) {
    if (vr == VR.DS || vr == VR.IS) {
      put(tag, vr, doubles.length == 0 ? null : String.join("\\", Arrays.stream(doubles)
          .mapToObj(d -> vr == VR.IS ? Long.toString((long) d) : ValueCodec.formatDS(d))
          .toList()));
    } else {
      put(tag, vr, doubles.length == 0 ? null : ValueCodec.encodeDoubles(doubles, vr, bigEndian));
    }
  }

  /** Sets a raw value: bytes in this data set's byte order and character set, not copied. */
  public void setBytes(int tag, VR vr, byte[] value) {
    put(tag, vr, value == null || value.length == 0 ? null : value);
  }

  /** Sets an element with an empty value (present, zero length). */
  public void setNull(int tag, VR vr) {
    put(tag, vr, null);
  }

  public void setBulkDataRef(int tag, VR vr, BulkDataRef ref) {
    put(tag, vr, java.util.Objects.requireNonNull(ref, "ref"));
  }

  /** Sets an empty sequence and returns it to be filled. */
  public Sequence newSequence(int tag, int initialCapacity) {
    Sequence seq = new Sequence(this, initialCapacity);
    put(tag, VR.SQ, seq);
    return seq;
  }

  /**
   * Sets an empty sequence held under another VR: an undefined-length UN value read from
   * explicit VR data is a sequence encoded in implicit VR (PS3.5 6.2.2), kept as UN so that it is
   * written back as it came.
   */
  public Sequence newSequence(int tag, VR vr, int initialCapacity) {
    Sequence seq = new Sequence(this, initialCapacity);
    put(tag, vr, seq);
    return seq;
  }

  /** Sets empty encapsulated fragments and returns them to be filled. */
  public Fragments newFragments(int tag, VR vr, int initialCapacity) {
    Fragments f = new Fragments(vr, initialCapacity);
    put(tag, vr, f);
    return f;
  }

  public boolean remove(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return false;
    }
    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
    System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
    vrs[size] = null;
    if (tag == SPECIFIC_CHARACTER_SET) {
      charset = null;
    }
    return true;
  }

  /**
   * Copies every element of {@code other} into this data set, replacing elements with the same
   * tag. Sequences and fragments are copied deeply. Both must have the same byte order.
   */
  public void addAll(Attributes other) {
    addAll(other, tag -> true);
  }

  /**
   * A new data set with the top-level elements of this one whose tag {@code keep} accepts
   * (copied as {@link #addAll} does), with the same byte order and parent.
   */
  public Attributes select(java.util.function.IntPredicate keep) {
    Attributes subset = new Attributes(bigEndian, Math.min(size, 16));
    subset.parent = parent;
    subset.addAll(this, keep);
    return subset;
  }

  private void addAll(Attributes other, java.util.function.IntPredicate keep) {
    if (other.bigEndian != bigEndian) {
      throw new IllegalArgumentException("data sets differ in byte order");
    }
    for (int i = 0; i < other.size; i++) {
      if (!keep.test(other.tags[i])) {
        continue;
      }
      Object v = other.values[i];
      if (v instanceof Sequence seq) {
        Sequence copy = newSequence(other.tags[i], other.vrs[i], seq.size());
        copy.undefinedLength(seq.undefinedLength());
        for (Attributes item : seq) {
          copy.add(new Attributes(item));
        }
      } else if (v instanceof Fragments f) {
        newFragments(other.tags[i], other.vrs[i], f.size()).addAll(f);
      } else {
        put(other.tags[i], other.vrs[i], v);
      }
    }
  }

  // ---- private elements (PS3.5 7.8)

  /** The tag {@code p} has in this data set, or -1 if no block is reserved for its creator. */
  public int tagOf(PrivateTag p) {
    int block = findBlock(p);
    return block < 0 ? -1 : p.inBlock(block);
  }

  /** The tag {@code p} has in this data set, reserving a block for its creator if needed. */
  public int reserve(PrivateTag p) {
    int block = findBlock(p);
    if (block >= 0) {
      return p.inBlock(block);
    }
    for (block = 0x10; block <= 0xFF; block++) {
      if (!contains(p.creatorTag(block))) {
        setString(p.creatorTag(block), VR.LO, p.creator());
        return p.inBlock(block);
      }
    }
    throw new IllegalStateException("no free private block in group "
        + Integer.toHexString(p.group()));
  }

  private int findBlock(PrivateTag p) {
    for (int block = 0x10; block <= 0xFF; block++) {
      int i = indexOf(p.creatorTag(block));
      if (i >= 0 && p.creator().equals(getString(tags[i]))) {
        return block;
      }
      if (i < 0 && -i - 1 >= size) {
        break;
      }
    }
    return -1;
  }

  // ---- internals

  private void put(int tag, VR vr, Object value) {
    int i = indexOf(tag);
    if (i >= 0) {
      vrs[i] = vr;
      values[i] = value;
    } else {
      i = -i - 1;
      if (size == tags.length) {
        grow();
      }
      if (i < size) {
        System.arraycopy(tags, i, tags, i + 1, size - i);
        System.arraycopy(vrs, i, vrs, i + 1, size - i);
        System.arraycopy(values, i, values, i + 1, size - i);
      }
      tags[i] = tag;
      vrs[i] = vr;
      values[i] = value;
      size++;
    }
    if (tag == SPECIFIC_CHARACTER_SET) {
      String[] terms = getStrings(tag);
      charset = terms.length == 0 ? null : SpecificCharacterSet.valueOf(terms);
    }
  }

  private void grow() {
    int n = tags.length * 2;
    tags = Arrays.copyOf(tags, n);
    vrs = Arrays.copyOf(vrs, n);
    values = Arrays.copyOf(values, n);
  }

  private boolean holdsText(int index) {
    return vrs[index].isString() || values[index] instanceof String;
  }

  private byte[] rawAt(int index) {
    return values[index] == null ? new byte[0] : bytes(tags[index], values[index]);
  }

  private byte[] bytes(int tag, Object v) {
    if (v instanceof byte[] b) {
      return b;
    }
    if (v instanceof String s) {
      return ValueCodec.encode(s, vrOf(tag), specificCharacterSet());
    }
    throw new IllegalStateException(Tag.toString(tag) + " holds a "
        + v.getClass().getSimpleName() + ", not a plain value");
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return index;
  }

  static boolean isEmptyValue(Object v) {
    return v == null || v instanceof byte[] b && b.length == 0
        || v instanceof String s && s.isEmpty() || v instanceof Sequence seq && seq.isEmpty();
  }

  /**
   * Equal when both hold the same elements with the same VRs and the same encoded values, so a
   * value set as a String equals the same value read as bytes.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes other && AttributesComparison.equal(this, other);
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + tags[i];
    }
    return h;
  }

  /** A dcmdump-like listing, for logs and test failures. */
  @Override
  public String toString() {
    return AttributesFormat.format(this, 100);
  }
}
