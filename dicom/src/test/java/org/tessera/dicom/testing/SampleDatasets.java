package org.tessera.dicom.testing;

import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;

/**
 * Realistic data sets built with the public API, for tests and benchmarks: complete instances of
 * the Secondary Capture Image IOD (PS3.3 A.8.1) and the CT Image IOD (PS3.3 A.3) that
 * {@code dciodvfy} accepts, and a data set with every VR. UIDs are new on each call
 * ({@link Uid#generate()}); everything else, pixels included, is the same for the same
 * arguments.
 */
public final class SampleDatasets {
  /** Private creator of the private block in {@link #everyVr(String)}. */
  public static final String PRIVATE_CREATOR = "TESSERA TEST";

  private SampleDatasets() {}

  /**
   * A Secondary Capture Image (PS3.3 A.8.1): Patient, General Study, Patient Study, General
   * Series, SC Equipment, General Image, Image Pixel, SC Image and SOP Common modules, with a
   * grayscale (MONOCHROME2) gradient image.
   *
   * @param bitsAllocated 8 (OB pixels) or 16 (OW pixels, 12 bits stored)
   */
  public static Attributes secondaryCapture(int rows, int columns, int bitsAllocated) {
    if (bitsAllocated != 8 && bitsAllocated != 16) {
      throw new IllegalArgumentException("bits allocated 8 or 16, not " + bitsAllocated);
    }
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY");
    sopCommon(ds, Uid.SecondaryCaptureImageStorage);
    patient(ds);
    generalStudy(ds);
    ds.setString(Tag.Modality, VR.CS, "OT");
    ds.setString(Tag.SeriesInstanceUID, VR.UI, Uid.generate());
    ds.setString(Tag.SeriesNumber, VR.IS, "2");
    ds.setString(Tag.SeriesDescription, VR.LO, "Screen captures");
    // an unpaired body part, so that Laterality (General Series, type 2C) is not required
    ds.setString(Tag.BodyPartExamined, VR.CS, "HEAD");
    // SC Equipment (PS3.3 C.8.6.1)
    ds.setString(Tag.ConversionType, VR.CS, "WSD");
    ds.setString(Tag.SecondaryCaptureDeviceManufacturer, VR.LO, "Tessera");
    ds.setString(Tag.SecondaryCaptureDeviceManufacturerModelName, VR.LO, "SampleDatasets");
    // General Image (C.7.6.1): no Image Orientation here, so Patient Orientation is required
    ds.setString(Tag.InstanceNumber, VR.IS, "1");
    ds.setString(Tag.PatientOrientation, VR.CS, "L", "F");
    ds.setString(Tag.ContentDate, VR.DA, "20240131");
    ds.setString(Tag.ContentTime, VR.TM, "101500");
    // SC Image (C.8.6.2)
    ds.setString(Tag.DateOfSecondaryCapture, VR.DA, "20240131");
    ds.setString(Tag.TimeOfSecondaryCapture, VR.TM, "101500.25");
    int bitsStored = bitsAllocated == 8 ? 8 : 12;
    imagePixel(ds, rows, columns, bitsAllocated, bitsStored, 0);
    return ds;
  }

  /**
   * A CT Image (PS3.3 A.3): Patient, General Study, Patient Study, General Series, Frame of
   * Reference, General Equipment, General Acquisition, General Image, Image Plane, Image Pixel,
   * CT Image, VOI LUT and SOP Common modules; an axial slice of a water cylinder with a bone
   * ring in air, stored unsigned with Rescale Intercept -1024. {@code ct(512, 512, 16)} is the
   * size of a typical CT slice.
   *
   * @param bitsStored 12 to 16 (CT Image module, C.8.2.1.1.4); 16 bits are allocated
   */
  public static Attributes ct(int rows, int columns, int bitsStored) {
    if (bitsStored < 12 || bitsStored > 16) {
      throw new IllegalArgumentException("bits stored 12 to 16, not " + bitsStored);
    }
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    sopCommon(ds, Uid.CTImageStorage);
    patient(ds);
    generalStudy(ds);
    ds.setString(Tag.SeriesDate, VR.DA, "20240131");
    ds.setString(Tag.SeriesTime, VR.TM, "100812");
    ds.setString(Tag.AcquisitionDate, VR.DA, "20240131");
    ds.setString(Tag.AcquisitionTime, VR.TM, "100830.5");
    ds.setString(Tag.ContentDate, VR.DA, "20240131");
    ds.setString(Tag.ContentTime, VR.TM, "100830.5");
    ds.setString(Tag.Modality, VR.CS, "CT");
    // General Equipment (C.7.5.1)
    ds.setString(Tag.Manufacturer, VR.LO, "Tessera");
    ds.setString(Tag.InstitutionName, VR.LO, "Hôpital Universitaire");
    ds.setString(Tag.StationName, VR.SH, "CT01");
    ds.setString(Tag.ManufacturerModelName, VR.LO, "Phantom");
    ds.setString(Tag.SoftwareVersions, VR.LO, "0.1", "recon 2.4");
    ds.setString(Tag.SeriesDescription, VR.LO, "Kopf nativ 5.0");
    ds.setString(Tag.BodyPartExamined, VR.CS, "HEAD");
    // CT Image (C.8.2.1)
    ds.setString(Tag.SliceThickness, VR.DS, "5");
    ds.setString(Tag.KVP, VR.DS, "120");
    ds.setString(Tag.DataCollectionDiameter, VR.DS, "500");
    ds.setString(Tag.ReconstructionDiameter, VR.DS, "250");
    ds.setString(Tag.GantryDetectorTilt, VR.DS, "0");
    ds.setString(Tag.TableHeight, VR.DS, "160.5");
    ds.setString(Tag.RotationDirection, VR.CS, "CW");
    ds.setString(Tag.ExposureTime, VR.IS, "1000");
    ds.setString(Tag.XRayTubeCurrent, VR.IS, "250");
    ds.setString(Tag.Exposure, VR.IS, "250");
    ds.setString(Tag.ConvolutionKernel, VR.SH, "H30s");
    ds.setString(Tag.PatientPosition, VR.CS, "HFS");
    ds.setString(Tag.StudyID, VR.SH, "4711");
    ds.setString(Tag.SeriesInstanceUID, VR.UI, Uid.generate());
    ds.setString(Tag.SeriesNumber, VR.IS, "3");
    ds.setString(Tag.AcquisitionNumber, VR.IS, "1");
    ds.setString(Tag.InstanceNumber, VR.IS, "42");
    // Image Plane (C.7.6.2)
    ds.setString(Tag.ImagePositionPatient, VR.DS, "-125", "-125", "-80.5");
    ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
    // Frame of Reference (C.7.4.1)
    ds.setString(Tag.FrameOfReferenceUID, VR.UI, Uid.generate());
    ds.setString(Tag.PositionReferenceIndicator, VR.LO, "OM");
    ds.setString(Tag.SliceLocation, VR.DS, "-80.5");
    ds.setDouble(Tag.PixelSpacing, VR.DS, 250.0 / rows, 250.0 / columns);
    imagePixel(ds, rows, columns, 16, bitsStored, 0);
    ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    ds.setString(Tag.RescaleType, VR.LO, "HU");
    // VOI LUT (C.11.2): brain and bone windows
    ds.setString(Tag.WindowCenter, VR.DS, "40", "300");
    ds.setString(Tag.WindowWidth, VR.DS, "80", "1500");
    ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "BRAIN", "BONE");
    return ds;
  }

  /**
   * One element of every VR (through the Hanging Protocol "Selector … Value" attributes, one per
   * VR), multi-valued strings and numbers, empty values, a private block, and sequences of
   * defined and undefined length with defined- and undefined-length and empty items, nested two
   * deep. Not an IOD: for encoding tests.
   *
   * @param specificCharacterSet "ISO_IR 100" (Latin-1 text) or "ISO_IR 192" (UTF-8 text in
   *     Latin, Greek and Japanese, with a three-group Person Name)
   */
  public static Attributes everyVr(String specificCharacterSet) {
    boolean utf8 = switch (specificCharacterSet) {
      case "ISO_IR 100" -> false;
      case "ISO_IR 192" -> true;
      default -> throw new IllegalArgumentException(specificCharacterSet);
    };
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, specificCharacterSet);
    sopCommon(ds, Uid.SecondaryCaptureImageStorage);
    patient(ds);
    if (utf8) {
      ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
      ds.setString(Tag.StudyDescription, VR.LO, "Θώρακας – Ærø");
    } else {
      ds.setString(Tag.StudyDescription, VR.LO, "Schädel ½ Größe");
    }
    ds.setNull(Tag.PatientBirthDate, VR.DA);
    ds.setString(Tag.SelectorAEValue, VR.AE, "STORESCP", "TESSERA");
    ds.setString(Tag.SelectorASValue, VR.AS, "042Y");
    ds.setLong(Tag.SelectorATValue, VR.AT, Tag.PatientName & 0xFFFFFFFFL, Tag.PixelData);
    ds.setString(Tag.SelectorCSValue, VR.CS, "A", "B", "", "D");
    ds.setString(Tag.SelectorDAValue, VR.DA, "20240131", "19991231");
    ds.setString(Tag.SelectorDSValue, VR.DS, "-1.5", "2", "3.25e3");
    ds.setString(Tag.SelectorDTValue, VR.DT, "20240131101500.123456+0100");
    ds.setDouble(Tag.SelectorFDValue, VR.FD, Math.PI, -0.0, 1e300);
    ds.setDouble(Tag.SelectorFLValue, VR.FL, 0.1, -2.5);
    ds.setString(Tag.SelectorISValue, VR.IS, "-7", "2147483647");
    ds.setString(Tag.SelectorLOValue, VR.LO, "Ærø", "two");
    ds.setString(Tag.SelectorLTValue, VR.LT, utf8 ? "Zeile 1\r\nΓραμμή 2 \\ kein Trenner"
        : "Zeile 1\r\nZeile 2 \\ kein Trenner");
    ds.setBytes(Tag.SelectorOBValue, VR.OB, new byte[] {1, 2, 3, (byte) 0xFF, 0});
    ds.setDouble(Tag.SelectorODValue, VR.OD, 1.0 / 3, -1e-300);
    ds.setDouble(Tag.SelectorOFValue, VR.OF, 1.5, 0.1);
    ds.setLong(Tag.SelectorOLValue, VR.OL, 1, 0xFFFFFFFFL);
    ds.setLong(Tag.SelectorOVValue, VR.OV, Long.MIN_VALUE, -1);
    ds.setLong(Tag.SelectorOWValue, VR.OW, 0x0102, 0xFFFE);
    ds.setString(Tag.SelectorPNValue, VR.PN, "Müller^Jürgen^^Dr.", "Buc^Jérôme");
    ds.setString(Tag.SelectorSHValue, VR.SH, "Straße", "x");
    ds.setLong(Tag.SelectorSLValue, VR.SL, -70000, Integer.MAX_VALUE);
    ds.setLong(Tag.SelectorSSValue, VR.SS, -5, Short.MAX_VALUE);
    ds.setString(Tag.SelectorSTValue, VR.ST, "Short text with a \\ backslash");
    ds.setLong(Tag.SelectorSVValue, VR.SV, Long.MIN_VALUE, 42);
    ds.setString(Tag.SelectorTMValue, VR.TM, "101500.25", "2359");
    ds.setString(Tag.SelectorUCValue, VR.UC, "unlimited characters",
        utf8 ? "無制限" : "überall");
    ds.setString(Tag.SelectorUIValue, VR.UI, Uid.CTImageStorage, "1.2.3");
    ds.setLong(Tag.SelectorULValue, VR.UL, 0xFFFFFFFFL, 0);
    ds.setBytes(Tag.SelectorUNValue, VR.UN, new byte[] {'u', 'n', 0, 1});
    ds.setString(Tag.SelectorURValue, VR.UR, "https://example.org/a?b=c");
    ds.setLong(Tag.SelectorUSValue, VR.US, 0, 65535);
    ds.setString(Tag.SelectorUTValue, VR.UT,
        utf8 ? "Unbegrenzt: 無制限のテキスト" : "Unbegrenzt: Übergröße");
    ds.setLong(Tag.SelectorUVValue, VR.UV, -1, 7);
    sequences(ds);
    ds.setString(ds.reserve(new PrivateTag(PRIVATE_CREATOR, 0x0009, 0x00)), VR.LO,
        "private text");
    ds.setBytes(ds.reserve(new PrivateTag(PRIVATE_CREATOR, 0x0009, 0x01)), VR.OB,
        new byte[] {9, 8, 7, 6});
    return ds;
  }

  /** Sequences of each length encoding, an empty sequence, an empty item, nesting. */
  private static void sequences(Attributes ds) {
    Sequence defined = ds.newSequence(Tag.ReferencedImageSequence, 2);
    defined.undefinedLength(false);
    for (int i = 1; i <= 2; i++) {
      Attributes item = defined.addNew();
      item.undefinedLength(i == 1);
      item.setString(Tag.ReferencedSOPClassUID, VR.UI, Uid.CTImageStorage);
      item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, Uid.fromName("image " + i));
      item.setInt(Tag.ReferencedFrameNumber, VR.IS, i, i + 1);
    }
    Sequence undefined = ds.newSequence(Tag.RequestAttributesSequence, 2);
    Attributes request = undefined.addNew();
    request.undefinedLength(false);
    request.setString(Tag.RequestedProcedureID, VR.SH, "RP1");
    Sequence codes = request.newSequence(Tag.ScheduledProtocolCodeSequence, 1);
    Attributes code = codes.addNew();
    code.setString(Tag.CodeValue, VR.SH, "113691");
    code.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
    code.setString(Tag.CodeMeaning, VR.LO, "IHE Protocol");
    undefined.addNew(); // an empty item
    ds.newSequence(Tag.ReferencedStudySequence, 0); // an empty sequence
  }

  /** SOP Common (C.12.1). */
  private static void sopCommon(Attributes ds, String sopClassUid) {
    ds.setString(Tag.SOPClassUID, VR.UI, sopClassUid);
    ds.setString(Tag.SOPInstanceUID, VR.UI, Uid.generate());
    ds.setString(Tag.InstanceCreationDate, VR.DA, "20240131");
    ds.setString(Tag.InstanceCreationTime, VR.TM, "101512");
  }

  /** Patient (C.7.1.1) and Patient Study (C.7.2.2). */
  private static void patient(Attributes ds) {
    ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
    ds.setString(Tag.PatientID, VR.LO, "TESSERA-0001");
    ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
    ds.setString(Tag.PatientSex, VR.CS, "M");
    ds.setString(Tag.PatientAge, VR.AS, "054Y");
    ds.setString(Tag.PatientSize, VR.DS, "1.82");
    ds.setString(Tag.PatientWeight, VR.DS, "81.5");
  }

  /** General Study (C.7.2.1). */
  private static void generalStudy(Attributes ds) {
    ds.setString(Tag.StudyInstanceUID, VR.UI, Uid.generate());
    ds.setString(Tag.StudyDate, VR.DA, "20240131");
    ds.setString(Tag.StudyTime, VR.TM, "100512");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "Curie^Marie");
    ds.setString(Tag.StudyID, VR.SH, "4711");
    ds.setString(Tag.AccessionNumber, VR.SH, "ACC-2024-01");
    ds.setString(Tag.StudyDescription, VR.LO, "Schädel");
  }

  /** Image Pixel (C.7.6.3), grayscale, with a deterministic picture. */
  private static void imagePixel(Attributes ds, int rows, int columns, int bitsAllocated,
      int bitsStored, int pixelRepresentation) {
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, rows);
    ds.setInt(Tag.Columns, VR.US, columns);
    ds.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
    ds.setInt(Tag.BitsStored, VR.US, bitsStored);
    ds.setInt(Tag.HighBit, VR.US, bitsStored - 1);
    ds.setInt(Tag.PixelRepresentation, VR.US, pixelRepresentation);
    ds.setBytes(Tag.PixelData, bitsAllocated == 8 ? VR.OB : VR.OW,
        pixels(rows, columns, bitsAllocated, bitsStored));
  }

  /**
   * Little-endian pixels: a cylinder of water (1024, i.e. 0 HU after the CT rescale) with a
   * bone ring (2024) in air (0), plus a diagonal ramp so no two rows are alike; 8-bit images
   * scale it down. Odd lengths (8-bit, odd rows times columns) are left for the writer to pad.
   */
  public static byte[] pixels(int rows, int columns, int bitsAllocated, int bitsStored) {
    int bytesPerPixel = bitsAllocated / 8;
    int max = (1 << bitsStored) - 1;
    byte[] b = new byte[rows * columns * bytesPerPixel];
    double cy = (rows - 1) / 2.0;
    double cx = (columns - 1) / 2.0;
    double radius = Math.min(rows, columns) * 0.45;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        double r = Math.hypot(y - cy, x - cx);
        int v = r > radius ? 0 : r > radius * 0.9 ? 2024 : 1024;
        v = Math.min(max, v + (x + y) * 4);
        int i = (y * columns + x) * bytesPerPixel;
        if (bytesPerPixel == 1) {
          b[i] = (byte) Math.min(255, v >> 3);
        } else {
          b[i] = (byte) v;
          b[i + 1] = (byte) (v >> 8);
        }
      }
    }
    return b;
  }
}
