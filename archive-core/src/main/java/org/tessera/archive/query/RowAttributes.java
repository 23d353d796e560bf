package org.tessera.archive.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.QueryStatement;
import org.tessera.archive.internal.index.QueryStatement.Column;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.json.DicomJsonReader;

/**
 * Turns one result row into the match's data set: the levels' attributes merged top down (a
 * lower level wins), then the identifying and computed values from their columns, then only
 * what the query keeps.
 */
final class RowAttributes {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String ONLINE = "ONLINE";

  private RowAttributes() {}

  static Attributes of(Row row, QueryStatement statement) {
    List<Column> columns = statement.columns();
    Attributes match = new Attributes(false, 64);
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      switch (c.kind()) {
        case ATTRS -> match.addAll(parse(row.getString(i)));
        case TEXT -> match.setString(c.tag(), c.vr(), row.getString(i));
        case TEXT_ARRAY -> match.setString(c.tag(), c.vr(), row.getArrayOfStrings(i));
        case INTEGER -> match.setInt(c.tag(), c.vr(), row.getInteger(i));
      }
    }
    // every match is online: the archive keeps no nearline or offline tier (PS3.4 C.4.1.1.3.2)
    match.setString(Tag.InstanceAvailability, VR.CS, ONLINE);
    Set<Integer> keep = statement.keep();
    if (keep != null) {
      retain(match, keep);
    }
    return match;
  }

  private static void retain(Attributes match, Set<Integer> keep) {
    int[] drop = new int[match.size()];
    int n = 0;
    for (int i = 0; i < match.size(); i++) {
      if (!keep.contains(match.tagAt(i))) {
        drop[n++] = match.tagAt(i);
      }
    }
    for (int i = 0; i < n; i++) {
      match.remove(drop[i]);
    }
  }

  private static Attributes parse(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      Attributes attrs = new DicomJsonReader(parser).readDataset();
      return attrs != null ? attrs : new Attributes(false, 0);
    } catch (IOException e) {
      throw new ArchiveException(Problem.INTERNAL, "the index holds attributes that are not "
          + "DICOM JSON: " + e.getMessage(), e);
    }
  }
}
