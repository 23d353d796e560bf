package org.tessera.archive.internal.index;

import org.tessera.archive.internal.TagNames;
import static org.tessera.archive.internal.index.QuerySql.alias;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.query.MatchKey;
import org.tessera.archive.query.Order;
import org.tessera.archive.query.Query;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;

/**
 * Translates a {@link Query} into one SELECT over the queried level's table, joined up the
 * hierarchy as far as its keys, sort keys and returned attributes need. Column names come only
 * from the catalogue and values only through bind parameters.
 */
public final class QueryTranslator {
  /** Identifier elements of a C-FIND request that are not keys (PS3.4 C.4.1.1.3.1). */
  private static final Set<Integer> NOT_KEYS = Set.of(
      Tag.SpecificCharacterSet, Tag.QueryRetrieveLevel);

  private final Query query;
  private final QueryLevel level;
  private final QueryParams params = new QueryParams();
  private final MatchCompiler compiler = new MatchCompiler(params);
  private final List<String> conditions = new ArrayList<>();
  private final List<String> orderBy = new ArrayList<>();
  private final List<Integer> unsupported = new ArrayList<>();
  /** The levels keys and sort keys are on: the patient table is joined only if needed. */
  private final Set<QueryLevel> used = EnumSet.noneOf(QueryLevel.class);

  private QueryTranslator(Query query) {
    this.query = query;
    this.level = query.level();
  }

  /**
   * The statement of {@code query}, fetching at most {@code rows} rows after its offset.
   *
   * @throws ArchiveException INVALID_REQUEST for a key or sort key below the queried level, a
   *     malformed value, a sort key without a column, or a negative limit or offset
   */
  public static QueryStatement translate(Query query, int rows) {
    if (query.limit() < 0 || query.offset() < 0) {
      throw new ArchiveException(Problem.INVALID_REQUEST,
          "limit and offset must not be negative");
    }
    return new QueryTranslator(query).statement(rows);
  }

  private QueryStatement statement(int rows) {
    String archive = params.add(query.archive());
    conditions.add(QuerySql.archiveCondition(alias(level), archive));
    String access = QuerySql.accessCondition(query.access(), QuerySql.collectionColumn(level),
        params);
    if (access != null) {
      conditions.add(access);
    }
    query.keys().forEach(this::addKey);
    // on each table a key is on too, so that its (archive_fk, uid) index serves the key
    for (QueryLevel l : used) {
      if (l != level) {
        conditions.add(QuerySql.archiveCondition(alias(l), archive));
      }
    }
    query.orderBy().forEach(this::addOrder);
    orderBy.addAll(defaultOrder(level));
    QuerySelect select = new QuerySelect(level, keep(), used.contains(QueryLevel.PATIENT));
    String sql = "SELECT " + select.columnsSql()
        + " FROM " + QuerySql.from(level, select.joinsPatient())
        + " WHERE " + String.join(" AND ", conditions)
        + " ORDER BY " + String.join(", ", orderBy)
        + " LIMIT " + params.add(rows) + " OFFSET " + params.add(query.offset());
    return new QueryStatement(sql, params.tuple(), select.columns(), select.keep(), unsupported);
  }

  private void addKey(MatchKey key) {
    if (key.sequence() == 0 && NOT_KEYS.contains(key.tag())) {
      return;
    }
    IndexedAttribute column = QueryCatalog.column(key.sequence(), key.tag()).orElse(null);
    if (column == null) {
      if (!key.isUniversal()) {
        unsupported.add(key.tag());
      }
      return;
    }
    if (!level.atOrBelow(column.level())) {
      if (!key.isUniversal()) {
        throw new ArchiveException(Problem.INVALID_REQUEST, TagNames.describe(
            key.sequence(), key.tag()) + " is a " + column.level() + " attribute: it cannot be "
            + "matched in a " + level + " query", key.tag());
      }
      return;
    }
    String condition = compiler.compile(key, column, alias(column.level()), query.fuzzyNames());
    if (condition != null) {
      conditions.add(condition);
      used.add(column.level());
    }
  }

  private void addOrder(Order order) {
    IndexedAttribute column = IndexCatalog.column(order.tag())
        .filter(c -> c.kind() != IndexedAttribute.Kind.TEXT_LIST).orElse(null);
    if (column == null || !level.atOrBelow(column.level())) {
      throw new ArchiveException(Problem.INVALID_REQUEST, "cannot sort " + level + " matches by "
          + TagNames.describe(0, order.tag()) + (column == null ? ": it is not indexed"
          : ": it is a " + column.level() + " attribute"), order.tag());
    }
    orderBy.add(alias(column.level()) + "." + column.column()
        + (order.descending() ? " DESC" : " ASC") + " NULLS LAST");
    used.add(column.level());
  }

  /** Stable orders: each ends with the primary key, so that pages never overlap. */
  private static List<String> defaultOrder(QueryLevel level) {
    return switch (level) {
      case PATIENT -> List.of("p.patient_name", "p.pk");
      case STUDY -> List.of("st.study_date DESC NULLS LAST", "st.study_time DESC NULLS LAST",
          "st.pk DESC");
      case SERIES -> List.of("se.series_number ASC NULLS LAST", "se.pk");
      case INSTANCE -> List.of("i.instance_number ASC NULLS LAST", "i.pk");
    };
  }

  /** The return tags and the tags of the keys (C-FIND returns every key), or null for all. */
  private Set<Integer> keep() {
    if (query.returnTags() == null) {
      return null;
    }
    Set<Integer> keep = new HashSet<>(query.returnTags());
    for (MatchKey k : query.keys()) {
      keep.add(k.sequence() != 0 ? k.sequence() : k.tag());
    }
    return keep;
  }
}
