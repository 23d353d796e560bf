package org.tessera.dimse.internal.service;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.archive.query.Query;
import org.tessera.dicom.data.Attributes;

/**
 * A C-FIND request as the engine runs it.
 *
 * @param query the query, without limit or offset
 * @param levelName the Query/Retrieve Level as requested (IMAGE for instances)
 * @param identifier the request's identifier: what each response returns
 * @param unsupported keys of the identifier that are neither matched nor returned (private and
 *     binary ones)
 * @param sequenceOfItemKey for each matched key inside a sequence item, the sequence's tag
 */
record FindQuery(Query query, String levelName, Attributes identifier, Set<Integer> unsupported,
    Map<Integer, Integer> sequenceOfItemKey) {

  FindQuery {
    unsupported = Set.copyOf(unsupported);
    sequenceOfItemKey = Map.copyOf(sequenceOfItemKey);
  }

  /**
   * The top-level keys to leave out of every response: ours and those the engine could not
   * match on ({@code engineUnsupported}, where a key inside an item counts for its sequence).
   * Returning them would suggest they had been matched (PS3.4 C.4.1.1.4, status FF01).
   */
  Set<Integer> unsupported(List<Integer> engineUnsupported) {
    if (engineUnsupported.isEmpty()) {
      return unsupported;
    }
    Set<Integer> all = new HashSet<>(unsupported);
    for (int tag : engineUnsupported) {
      all.add(identifier.contains(tag) ? tag : sequenceOfItemKey.getOrDefault(tag, tag));
    }
    return all;
  }
}
