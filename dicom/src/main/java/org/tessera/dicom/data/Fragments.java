package org.tessera.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of an encapsulated value (PS3.5 A.4): item 0 is the Basic Offset Table (possibly
 * empty), each further item a fragment of compressed data. An item is a {@code byte[]} or a
 * {@link BulkDataRef} to where it lies in a file.
 */
public final class Fragments extends AbstractList<Object> {
  private final VR vr;
  private final List<Object> items;

  public Fragments(VR vr, int initialCapacity) {
    this.vr = vr;
    this.items = new ArrayList<>(initialCapacity);
  }

  /** OB, as the standard requires for encapsulated Pixel Data. */
  public VR vr() {
    return vr;
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public void add(int index, Object item) {
    items.add(index, checked(item));
  }

  @Override
  public Object set(int index, Object item) {
    return items.set(index, checked(item));
  }

  @Override
  public Object remove(int index) {
    return items.remove(index);
  }

  /** Length of item {@code index} in bytes. */
  public long lengthOf(int index) {
    Object item = items.get(index);
    return item instanceof byte[] b ? b.length : ((BulkDataRef) item).length();
  }

  private static Object checked(Object item) {
    if (item instanceof byte[] || item instanceof BulkDataRef ref && ref.length() >= 0) {
      return item;
    }
    throw new IllegalArgumentException("a fragment is a byte[] or a BulkDataRef of known length");
  }
}
