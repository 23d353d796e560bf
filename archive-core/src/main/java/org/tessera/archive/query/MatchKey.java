package org.tessera.archive.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One key of a query: an attribute and the values it must match, in the syntax of PS3.4
 * C.2.2.2, whatever API the key came from.
 *
 * <ul>
 *   <li>no values, or the single value "", is universal matching (C.2.2.2.3): the key only asks
 *       for the attribute to be returned;
 *   <li>one value is single value matching; in text and person name keys {@code *} and {@code ?}
 *       are wildcards (C.2.2.2.4), and {@code *} alone is universal;
 *   <li>several values of a UID key are UID list matching (C.2.2.2.2); several values of any
 *       other key match if any one of them does (QIDO-RS {@code Modality=CT,MR});
 *   <li>a date or time value {@code a-b}, {@code a-} or {@code -b} is range matching
 *       (C.2.2.2.5), bounds included; separators of older encodings ("2024.01.31", "12:30") are
 *       ignored, and a partial time as upper bound extends to the end of its unit ("12" is up to
 *       12:59:59.999999).
 * </ul>
 *
 * @param tag the attribute; for a key inside a sequence item, the tag within the item
 * @param values the values, as above
 * @param sequence the enclosing sequence for a key inside an item (QIDO-RS
 *     {@code RequestAttributesSequence.ScheduledProcedureStepID}), or 0 for a top-level key
 */
public record MatchKey(int tag, List<String> values, int sequence) {

  public MatchKey {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
  }

  /** A top-level key. */
  public MatchKey(int tag, List<String> values) {
    this(tag, values, 0);
  }

  /** A top-level key with the given values (none: universal). */
  public static MatchKey of(int tag, String... values) {
    return new MatchKey(tag, Arrays.asList(values), 0);
  }

  /** A return key: universal matching. */
  public static MatchKey universal(int tag) {
    return new MatchKey(tag, List.of(), 0);
  }

  /** A key on an attribute inside the items of {@code sequence}: matches if any item does. */
  public static MatchKey inSequence(int sequence, int tag, String... values) {
    return new MatchKey(tag, Arrays.asList(values), sequence);
  }

  /**
   * A key from a C-FIND identifier element: its value as encoded, with multiple values separated
   * by backslashes (PS3.5 6.4); null or empty is universal.
   */
  public static MatchKey parse(int tag, String value) {
    return value == null || value.isEmpty() ? universal(tag)
        : new MatchKey(tag, Arrays.asList(value.split("\\\\", -1)), 0);
  }

  /** The values that constrain the match: without the empty ones. */
  public List<String> nonEmptyValues() {
    return values.stream().filter(v -> !v.isEmpty()).toList();
  }

  /** Whether this key matches everything and only asks for the attribute to be returned. */
  public boolean isUniversal() {
    return values.stream().allMatch(String::isEmpty);
  }
}
