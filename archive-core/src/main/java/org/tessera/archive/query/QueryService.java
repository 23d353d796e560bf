package org.tessera.archive.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.internal.index.QuerySql;
import org.tessera.archive.internal.index.QueryStatement;
import org.tessera.archive.internal.index.QueryTranslator;
import org.tessera.dicom.data.Attributes;

/**
 * The query engine: runs a {@link Query} as one SQL statement on the index and returns each
 * match's attributes from the DICOM JSON the index keeps, so that no file is read. Safe to call
 * on an event loop.
 */
public final class QueryService {
  private final Pool pool;
  private final QueryOptions options;
  private final Timer latency;

  public QueryService(Pool pool, QueryOptions options) {
    this(pool, options, new SimpleMeterRegistry());
  }

  /** @param registry where the query latency histogram ({@code tessera.query.latency}) goes */
  public QueryService(Pool pool, QueryOptions options, MeterRegistry registry) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.options = Objects.requireNonNull(options, "options");
    this.latency = Timer.builder("tessera.query.latency")
        .description("From a query to its result, every query API alike")
        .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
        .maximumExpectedValue(java.time.Duration.ofSeconds(30)).register(registry);
  }

  /**
   * The matches of {@code query}: at most its limit (or the configured maximum), after its
   * offset. Fails with INVALID_REQUEST for a key the query cannot have (see {@link
   * QueryTranslator#translate}) and NOT_FOUND for an unknown archive.
   */
  public Future<QueryResult> find(Query query) {
    int limit = options.effectiveLimit(query.limit());
    QueryStatement statement;
    try {
      // one row more than returned tells whether more matched
      statement = QueryTranslator.translate(query, limit < Integer.MAX_VALUE ? limit + 1 : limit);
    } catch (ArchiveException e) {
      return Future.failedFuture(e);
    }
    Timer.Sample sample = Timer.start();
    return pool.preparedQuery(statement.sql()).execute(statement.params())
        .onComplete(ar -> sample.stop(latency))
        .recover(e -> Future.failedFuture(QuerySql.failure(e)))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(result(rows, statement, limit))
            : QuerySql.requireArchive(pool, query.archive())
                .map(v -> new QueryResult(List.of(), false, statement.unsupportedKeys())));
  }

  private static QueryResult result(RowSet<Row> rows, QueryStatement statement, int limit) {
    List<Attributes> matches = new ArrayList<>(Math.min(rows.size(), limit));
    for (Row row : rows) {
      if (matches.size() == limit) {
        break;
      }
      matches.add(RowAttributes.of(row, statement));
    }
    return new QueryResult(matches, rows.size() > limit, statement.unsupportedKeys());
  }
}
