package org.tessera.archive.query;

/**
 * One sort key of a query: an attribute with a column of its own, ascending or descending;
 * absent values sort last either way.
 */
public record Order(int tag, boolean descending) {

  public static Order ascending(int tag) {
    return new Order(tag, false);
  }

  public static Order descending(int tag) {
    return new Order(tag, true);
  }
}
