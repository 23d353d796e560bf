package org.tessera.archive.internal.index;

import io.vertx.sqlclient.Tuple;

/**
 * The bind parameters of one statement being built: each value is added here and its
 * placeholder ({@code $n}) goes into the SQL text, so no value is ever part of the text.
 */
public final class QueryParams {
  private final Tuple tuple = Tuple.tuple();

  /** Adds {@code value} (a String, Integer, Double, or an array of them) and returns its {@code $n}. */
  public String add(Object value) {
    tuple.addValue(value);
    return "$" + tuple.size();
  }

  public Tuple tuple() {
    return tuple;
  }
}
