package org.tessera.archive.internal.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.tessera.archive.internal.ingest.ParsedInstance;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.json.DicomJsonWriter;

/**
 * Turns a parsed instance into its {@link InstanceRecord}. Values left in the file are written
 * as a relative BulkDataURI {@code bulkdata/<path>} (the path of {@link BulkDataUriProvider}),
 * which the retrieve APIs resolve against the instance's own URL.
 */
public final class InstanceRecordMapper {
  /** TCIA's CTP private block: the collection ("project") and site names. */
  public static final PrivateTag CTP_COLLECTION = new PrivateTag("CTP", 0x0013, 0x10);
  public static final PrivateTag CTP_SITE = new PrivateTag("CTP", 0x0013, 0x12);
  static final String BULK_DATA_PREFIX = "bulkdata/";

  private static final JsonFactory JSON = new JsonFactory();
  private static final BulkDataUriProvider LEFT_IN_FILE = (path, vr, value) ->
      value instanceof BulkDataRef || value instanceof Fragments ? BULK_DATA_PREFIX + path : null;

  private InstanceRecordMapper() {}

  /** The collection an instance names itself (TCIA CTP tag), or null. */
  public static String ownCollection(Attributes ds) {
    return privateString(ds, CTP_COLLECTION);
  }

  public static InstanceRecord map(ParsedInstance p, String collection) {
    Attributes ds = p.dataset();
    return new InstanceRecord(p.studyInstanceUid(), p.seriesInstanceUid(), p.sopInstanceUid(),
        p.sopClassUid(), p.transferSyntaxUid(), collection, privateString(ds, CTP_SITE),
        trimmedOrNull(ds.getString(Tag.Modality)),
        level(ds, QueryLevel.PATIENT), level(ds, QueryLevel.STUDY),
        level(ds, QueryLevel.SERIES),
        new InstanceRecord.Level(LevelColumns.of(QueryLevel.INSTANCE).values(ds), json(ds)));
  }

  private static InstanceRecord.Level level(Attributes ds, QueryLevel level) {
    Attributes subset = ds.select(tag -> tag == Tag.SpecificCharacterSet
        || AttributeLevels.levelOf(tag) == level);
    return new InstanceRecord.Level(LevelColumns.of(level).values(ds), json(subset));
  }

  private static String json(Attributes ds) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      new DicomJsonWriter(gen, LEFT_IN_FILE).write(ds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String privateString(Attributes ds, PrivateTag tag) {
    int t = ds.tagOf(tag);
    return t < 0 ? null : trimmedOrNull(ds.getString(t));
  }

  private static String trimmedOrNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
