package org.tessera.archive.query;

import java.util.List;
import org.tessera.dicom.data.Attributes;

/**
 * What a query found.
 *
 * @param matches one data set per matching patient, study, series or instance, in order
 * @param truncated whether more rows matched than were returned (the limit, or the engine's
 *     maximum, cut the list): QIDO-RS answers with a Warning header, NBIA pages on
 * @param unsupportedKeys tags of keys that had values but that the index cannot match on; they
 *     were ignored, so the matches may include rows the caller did not ask for (PS3.18 8.3.4.1:
 *     a Warning header; C-FIND: the key is left out of the responses)
 */
public record QueryResult(List<Attributes> matches, boolean truncated,
    List<Integer> unsupportedKeys) {

  public QueryResult {
    matches = List.copyOf(matches);
    unsupportedKeys = List.copyOf(unsupportedKeys);
  }
}
