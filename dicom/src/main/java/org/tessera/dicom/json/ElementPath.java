package org.tessera.dicom.json;

import com.fasterxml.jackson.core.JsonLocation;
import org.tessera.dicom.data.Tag;

/**
 * Where a reader is in the nesting of sequences: the element at each level, outermost first,
 * and the 1-based item of it being read (0 while none is). Errors name this path, e.g.
 * "(0008,1115) item 2 > (0008,1150)".
 */
final class ElementPath {
  private final int[] tags;
  private final int[] items;
  private int depth;

  /** @param maxDepth most elements on the path: the deepest nesting of sequences plus one */
  ElementPath(int maxDepth) {
    this.tags = new int[maxDepth];
    this.items = new int[maxDepth];
  }

  boolean isFull() {
    return depth == tags.length;
  }

  void clear() {
    depth = 0;
  }

  void push(int tag) {
    tags[depth] = tag;
    items[depth] = 0;
    depth++;
  }

  void pop() {
    depth--;
  }

  /** Marks the item (1-based; 0 for none) of the innermost element being read. */
  void item(int number) {
    items[depth - 1] = number;
  }

  /** An exception for {@code problem} at this path and {@code location} in the input. */
  DicomJsonException exception(String problem, JsonLocation location) {
    StringBuilder b = new StringBuilder(96);
    for (int i = 0; i < depth; i++) {
      b.append(Tag.toString(tags[i]));
      if (items[i] > 0) {
        b.append(" item ").append(items[i]);
      }
      b.append(i < depth - 1 ? " > " : ": ");
    }
    b.append(problem);
    if (location != null && location.getLineNr() > 0) {
      b.append(" (line ").append(location.getLineNr()).append(", column ")
          .append(location.getColumnNr()).append(')');
    }
    return new DicomJsonException(depth > 0 ? tags[depth - 1] : -1, b.toString());
  }
}
