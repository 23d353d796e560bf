package org.tessera.dimse.internal.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.query.MatchKey;
import org.tessera.archive.query.Query;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.security.AccessFilter;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;

/**
 * The edge between a C-FIND identifier and the query engine: the identifier becomes a
 * {@link Query} of the baseline hierarchical search (PS3.4 C.4.1.2), every key a match key with
 * the matching of C.2.2.2 and a return key; each match becomes the identifier of a pending
 * response (C.4.1.1.3.2). Pure computation, safe on an event loop.
 *
 * <p>Relational queries are not negotiated (the acceptor answers no extended negotiation,
 * PS3.7 D.3.3.5), so each level above the queried one needs its Unique Key as one value
 * (C.4.1.2.2.1). Keys of levels above that are not unique keys are matched as well, relationally,
 * rather than refused; keys of levels below are refused.
 */
final class FindIdentifierMapper {
  /**
   * Elements that are not keys (C.4.1.1.3.1) or whose value is the SCP's to give: Specific
   * Character Set and Retrieve AE Title of a response are ours (C.4.1.1.3.2).
   */
  private static final Set<Integer> NOT_KEYS = Set.of(
      Tag.SpecificCharacterSet, Tag.QueryRetrieveLevel, Tag.RetrieveAETitle);
  /** Attributes of a match at any level rather than of one level's entity (C.4.1.1.3). */
  private static final Set<Integer> ANY_LEVEL = Set.of(Tag.InstanceAvailability,
      Tag.StorageMediaFileSetID, Tag.StorageMediaFileSetUID, Tag.TimezoneOffsetFromUTC,
      Tag.QueryRetrieveView);

  private FindIdentifierMapper() {}

  /**
   * The query of {@code identifier} in {@code model} on {@code archive}, seeing what
   * {@code access} lets the calling AE see.
   *
   * @throws ArchiveException MISSING_ATTRIBUTE for a missing Query/Retrieve Level or Unique Key
   *     above the level; INVALID_ATTRIBUTE for a level the model does not know, a Unique Key
   *     above the level that is not one value, or a sequence key of several items;
   *     DATASET_MISMATCH for a key below the level or the PATIENT level of the Study Root model.
   *     Each names the offending element.
   */
  static FindQuery toQuery(QueryRetrieveModel model, Attributes identifier, String archive,
      AccessFilter access) {
    String levelName = levelName(identifier);
    QueryLevel level = model.level(levelName).orElseThrow(() -> levelMismatch(levelName));
    requireUniqueKeysAbove(model, level, levelName, identifier);
    List<MatchKey> keys = new ArrayList<>();
    Set<Integer> returned = new HashSet<>();
    Set<Integer> unsupported = new HashSet<>();
    Map<Integer, Integer> sequenceOfItemKey = new HashMap<>();
    for (int i = 0; i < identifier.size(); i++) {
      int tag = identifier.tagAt(i);
      if (NOT_KEYS.contains(tag) || Tag.isGroupLength(tag)) {
        continue; // the group lengths older SCUs send are no keys either
      }
      if (Tag.isPrivate(tag)) {
        unsupported.add(tag); // private keys: neither matched nor returned
        continue;
      }
      if (!ANY_LEVEL.contains(tag) && !level.atOrBelow(QueryLevel.ofAttribute(tag))) {
        throw new ArchiveException(Problem.DATASET_MISMATCH,
            describe(tag) + " is below the " + levelName + " level", tag);
      }
      VR vr = identifier.vrAt(i);
      if (vr == VR.SQ) {
        sequenceKeys(identifier, tag, keys, sequenceOfItemKey);
      } else if (vr.isString() || vr.kind() == VR.Kind.BINARY) {
        keys.add(new MatchKey(tag, List.of(identifier.getStrings(tag))));
      } else if (!identifier.containsValue(tag)) {
        keys.add(MatchKey.universal(tag));
      } else {
        unsupported.add(tag); // OB, UN ...: no matching is defined on their bytes
        continue;
      }
      returned.add(tag);
    }
    Query query = Query.of(archive, level, access)
        .withKeys(keys).withReturnTags(returned);
    return new FindQuery(query, levelName, identifier, unsupported, sequenceOfItemKey);
  }

  /**
   * The identifier of the pending response for {@code match}: each key of the request with the
   * match's value, zero-length where it has none, except the keys not supported; then the
   * Query/Retrieve Level, Retrieve AE Title and, if any value needs it, Specific Character Set.
   *
   * @param unsupported keys that were neither matched nor are returned
   */
  static Attributes toResponse(FindQuery find, Attributes match, Set<Integer> unsupported,
      String retrieveAeTitle) {
    Attributes request = find.identifier();
    Attributes rsp = match.select(tag -> request.contains(tag) && !NOT_KEYS.contains(tag)
        && !unsupported.contains(tag));
    for (int i = 0; i < request.size(); i++) {
      int tag = request.tagAt(i);
      if (NOT_KEYS.contains(tag) || Tag.isGroupLength(tag) || unsupported.contains(tag)) {
        continue;
      }
      if (request.vrAt(i) == VR.SQ) {
        returnItems(request.getSequence(tag), rsp, tag);
      } else if (!rsp.contains(tag)) {
        rsp.setNull(tag, request.vrAt(i));
      }
    }
    rsp.setString(Tag.QueryRetrieveLevel, VR.CS, find.levelName());
    rsp.setString(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
    // the engine's values are Java strings (from DICOM JSON): they encode in any character set
    // the response names, and the default repertoire needs no name at all (PS3.5 6.1.2.1)
    if (hasNonAscii(rsp)) {
      rsp.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    }
    return rsp;
  }

  /**
   * The match keys of a sequence key (C.2.2.2.6): none for a zero-length sequence or an empty
   * item (universal), else one per attribute of its one item, each matching if any stored item
   * does.
   */
  private static void sequenceKeys(Attributes identifier, int tag, List<MatchKey> keys,
      Map<Integer, Integer> sequenceOfItemKey) {
    Sequence items = identifier.getSequence(tag);
    if (items == null || items.isEmpty()) {
      keys.add(MatchKey.universal(tag));
      return;
    }
    if (items.size() > 1) {
      throw new ArchiveException(Problem.INVALID_ATTRIBUTE,
          describe(tag) + " has " + items.size() + " items, not one", tag);
    }
    Attributes item = items.get(0);
    keys.add(MatchKey.universal(tag));
    for (int i = 0; i < item.size(); i++) {
      int itemTag = item.tagAt(i);
      VR vr = item.vrAt(i);
      if (vr.isString() && item.containsValue(itemTag)) {
        keys.add(MatchKey.inSequence(tag, itemTag, item.getStrings(itemTag)));
        sequenceOfItemKey.put(itemTag, tag);
      }
    }
  }

  /**
   * The sequence of a response as the request asked for it: all stored items whole for a
   * zero-length sequence or an empty item, else each stored item with the request item's
   * attributes only (C.2.2.2.6).
   */
  private static void returnItems(Sequence requested, Attributes rsp, int tag) {
    Sequence stored = rsp.getSequence(tag);
    if (stored == null) {
      rsp.newSequence(tag, 0);
      return;
    }
    if (requested == null || requested.isEmpty() || requested.get(0).isEmpty()) {
      return;
    }
    Attributes keys = requested.get(0);
    List<Attributes> items = new ArrayList<>(stored);
    Sequence filtered = rsp.newSequence(tag, items.size());
    for (Attributes item : items) {
      Attributes kept = item.select(keys::contains);
      for (int i = 0; i < keys.size(); i++) {
        if (!kept.contains(keys.tagAt(i))) {
          kept.setNull(keys.tagAt(i), keys.vrAt(i));
        }
      }
      filtered.add(kept);
    }
  }

  private static String levelName(Attributes identifier) {
    String[] values = identifier.getStrings(Tag.QueryRetrieveLevel);
    if (values == null || values.length == 0) {
      throw new ArchiveException(Problem.MISSING_ATTRIBUTE,
          "QueryRetrieveLevel (0008,0052) is missing", Tag.QueryRetrieveLevel);
    }
    if (values.length > 1) {
      throw new ArchiveException(Problem.INVALID_ATTRIBUTE,
          "QueryRetrieveLevel (0008,0052) has several values", Tag.QueryRetrieveLevel);
    }
    return values[0];
  }

  private static ArchiveException levelMismatch(String levelName) {
    if (levelName.equals("PATIENT")) {
      return new ArchiveException(Problem.DATASET_MISMATCH,
          "Study Root has no PATIENT level (PS3.4 C.3.2)", Tag.QueryRetrieveLevel);
    }
    String shown = levelName.length() > 16 ? levelName.substring(0, 16) + "..." : levelName;
    return new ArchiveException(Problem.INVALID_ATTRIBUTE,
        "QueryRetrieveLevel \"" + shown + "\" is unknown", Tag.QueryRetrieveLevel);
  }

  /** PS3.4 C.4.1.2.2.1: above the level, one entity per level, named by its Unique Key. */
  private static void requireUniqueKeysAbove(QueryRetrieveModel model, QueryLevel level,
      String levelName, Attributes identifier) {
    for (QueryLevel above : model.levels()) {
      if (above == level) {
        return;
      }
      int key = QueryRetrieveModel.uniqueKey(above);
      String[] values = identifier.getStrings(key);
      if (values == null || values.length == 0) {
        throw new ArchiveException(Problem.MISSING_ATTRIBUTE,
            describe(key) + " missing: unique key above " + levelName, key);
      }
      if (values.length > 1 || values[0].indexOf('*') >= 0 || values[0].indexOf('?') >= 0) {
        throw new ArchiveException(Problem.INVALID_ATTRIBUTE,
            describe(key) + " must be one value above " + levelName, key);
      }
    }
  }

  /** Whether a value of a VR that uses the character set holds a character beyond ASCII. */
  private static boolean hasNonAscii(Attributes ds) {
    for (int i = 0; i < ds.size(); i++) {
      Object value = ds.valueAt(i);
      if (value instanceof Sequence items) {
        for (Attributes item : items) {
          if (hasNonAscii(item)) {
            return true;
          }
        }
      } else if (value != null && ds.vrAt(i).usesCharacterSet()) {
        for (String s : ds.getStrings(ds.tagAt(i))) {
          if (!s.chars().allMatch(c -> c < 0x80)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** "Modality (0008,0060)", as Error Comments name attributes. */
  static String describe(int tag) {
    String keyword = ElementDictionary.standard().keywordOf(tag);
    return keyword == null ? Tag.toString(tag) : keyword + " " + Tag.toString(tag);
  }
}
