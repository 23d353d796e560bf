package org.tessera.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a sequence element (VR SQ). Every item added becomes a child of the data set
 * that owns the sequence: it inherits that data set's byte order and Specific Character Set.
 */
public final class Sequence extends AbstractList<Attributes> {
  private final Attributes owner;
  private final List<Attributes> items;
  private boolean undefinedLength = true;

  Sequence(Attributes owner, int initialCapacity) {
    this.owner = owner;
    this.items = new ArrayList<>(initialCapacity);
  }

  /** The data set that holds this sequence. */
  public Attributes owner() {
    return owner;
  }

  /** Appends and returns a new empty item. */
  public Attributes addNew() {
    Attributes item = new Attributes(owner.bigEndian(), 16);
    add(item);
    return item;
  }

  @Override
  public Attributes get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public void add(int index, Attributes item) {
    items.add(index, adopt(item));
  }

  @Override
  public Attributes set(int index, Attributes item) {
    return items.set(index, adopt(item));
  }

  @Override
  public Attributes remove(int index) {
    return items.remove(index);
  }

  /**
   * Whether the sequence was read with (or is to be written with) undefined length and a
   * Sequence Delimitation Item, rather than an explicit byte count.
   */
  public boolean undefinedLength() {
    return undefinedLength;
  }

  public void undefinedLength(boolean undefined) {
    this.undefinedLength = undefined;
  }

  private Attributes adopt(Attributes item) {
    if (item.bigEndian() != owner.bigEndian()) {
      throw new IllegalArgumentException("item byte order differs from its data set's");
    }
    item.parent(owner);
    return item;
  }
}
