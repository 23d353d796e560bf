package org.tessera.archive.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.testing.SampleDatasets;

/** Small real instances (a CT image of 32x32 pixels, 2 KiB of Pixel Data) written as Part 10 files for tests. */
public final class TestInstances {
  private TestInstances() {}

  /** A CT data set of the given study, series and instance. */
  public static Attributes ct(String studyUid, String seriesUid, String sopUid) {
    Attributes ds = SampleDatasets.ct(32, 32, 12);
    ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
    ds.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
    return ds;
  }

  /** Writes {@code ds} as Part 10 in Explicit VR Little Endian. */
  public static Path write(Path file, Attributes ds) {
    try {
      DicomWriter.write(file, FileMetaInformation.forDataset(ds, Uid.ExplicitVRLittleEndian), ds);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a new CT instance of the given study and series into {@code dir}. */
  public static Path writeCt(Path dir, String studyUid, String seriesUid) {
    String sop = Uid.generate();
    return write(dir.resolve(sop + ".dcm"), ct(studyUid, seriesUid, sop));
  }
}
