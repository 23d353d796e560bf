package org.tessera.archive.query;

/**
 * Settings of the query engine.
 *
 * @param maxResults the most matches one query returns; a query that asks for none (limit 0) or
 *     for more gets this many, and its result is marked truncated if more matched
 */
public record QueryOptions(int maxResults) {
  public static final int DEFAULT_MAX_RESULTS = 10_000;

  public static final QueryOptions DEFAULTS = new QueryOptions(DEFAULT_MAX_RESULTS);

  public QueryOptions {
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be at least 1, not " + maxResults);
    }
  }

  /** The number of matches a query with {@code limit} gets. */
  public int effectiveLimit(int limit) {
    return limit <= 0 || limit > maxResults ? maxResults : limit;
  }
}
