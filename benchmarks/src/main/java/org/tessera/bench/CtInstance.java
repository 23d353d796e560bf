package org.tessera.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.io.ReadOptions;

/**
 * A single-frame CT Image Storage instance (PS3.3 A.3) as a helical scanner writes one: the
 * Patient, General Study, Patient Study, General Series, Frame of Reference, General Equipment,
 * General Image, Image Plane, Image Pixel, CT Image, VOI LUT and SOP Common modules, two
 * sequences (one with defined, one with undefined lengths), a private block of ten elements,
 * and 512 x 512 16-bit Pixel Data. Built in memory so that the benchmarks need no sample file.
 *
 * <p>Run as a program it prints the encoded size and element count per transfer syntax, the
 * figures that turn the benchmarks' files/s into MB/s.
 */
final class CtInstance {
  static final int ROWS = 512;
  static final int COLUMNS = 512;
  static final String PRIVATE_CREATOR = "TESSERA BENCH CT 1.0";

  private static final String ROOT = "2.25.31415926535897932384626433832795";
  private static final String STUDY_UID = ROOT + ".1";
  private static final String SERIES_UID = ROOT + ".1.2";
  private static final String FRAME_OF_REFERENCE_UID = ROOT + ".1.3";
  private static final String INSTANCE_UID = ROOT + ".1.2.120";

  private CtInstance() {}

  /** The data set, Pixel Data included. */
  static Attributes dataset() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    patientAndStudy(ds);
    seriesAndEquipment(ds);
    generalImage(ds);
    ctAcquisition(ds);
    imagePlaneAndPixel(ds);
    requestAndProcedure(ds);
    privateBlock(ds);
    ds.setBytes(Tag.PixelData, VR.OW, pixelData());
    return ds;
  }

  /** The Part 10 file of {@link #dataset()} in {@code ts}. */
  static byte[] encode(TransferSyntax ts) {
    Attributes ds = dataset();
    ByteArrayOutputStream out = new ByteArrayOutputStream(ROWS * COLUMNS * 2 + 8192);
    try {
      new DicomWriter(out).writeFile(FileMetaInformation.forDataset(ds, ts.uid()), ds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void patientAndStudy(Attributes ds) {
    ds.setString(Tag.PatientName, VR.PN, "DOE^JANE^Q");
    ds.setString(Tag.PatientID, VR.LO, "TCIA-LIDC-0042");
    ds.setString(Tag.IssuerOfPatientID, VR.LO, "TESSERA");
    ds.setString(Tag.PatientBirthDate, VR.DA, "19580312");
    ds.setString(Tag.PatientSex, VR.CS, "F");
    ds.setString(Tag.PatientAge, VR.AS, "066Y");
    ds.setString(Tag.PatientSize, VR.DS, "1.68");
    ds.setString(Tag.PatientWeight, VR.DS, "71.5");
    ds.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
    ds.setString(Tag.DeidentificationMethod, VR.LO, "Per DICOM PS 3.15 AnnexE");
    ds.setString(Tag.StudyInstanceUID, VR.UI, STUDY_UID);
    ds.setString(Tag.StudyDate, VR.DA, "20240611");
    ds.setString(Tag.StudyTime, VR.TM, "101532.118000");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "SMITH^JOHN^^DR");
    ds.setString(Tag.StudyID, VR.SH, "48213");
    ds.setString(Tag.AccessionNumber, VR.SH, "A20240611-0193");
    ds.setString(Tag.StudyDescription, VR.LO, "CT CHEST WITHOUT CONTRAST");
    ds.setString(Tag.TimezoneOffsetFromUTC, VR.SH, "+0200");
    Sequence procedure = ds.newSequence(Tag.ProcedureCodeSequence, 1);
    procedure.undefinedLength(false);
    Attributes code = procedure.addNew();
    code.undefinedLength(false);
    code.setString(Tag.CodeValue, VR.SH, "24627-2");
    code.setString(Tag.CodingSchemeDesignator, VR.SH, "LN");
    code.setString(Tag.CodeMeaning, VR.LO, "CT Chest");
  }

  private static void seriesAndEquipment(Attributes ds) {
    ds.setString(Tag.Modality, VR.CS, "CT");
    ds.setString(Tag.SeriesInstanceUID, VR.UI, SERIES_UID);
    ds.setString(Tag.SeriesNumber, VR.IS, "3");
    ds.setString(Tag.SeriesDate, VR.DA, "20240611");
    ds.setString(Tag.SeriesTime, VR.TM, "101914.402000");
    ds.setString(Tag.SeriesDescription, VR.LO, "Thorax 1.0 B31f");
    ds.setString(Tag.ProtocolName, VR.LO, "Thorax_Routine");
    ds.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
    ds.setString(Tag.PatientPosition, VR.CS, "FFS");
    ds.setString(Tag.PerformingPhysicianName, VR.PN, "");
    ds.setString(Tag.OperatorsName, VR.PN, "RT^ANNA");
    ds.setString(Tag.FrameOfReferenceUID, VR.UI, FRAME_OF_REFERENCE_UID);
    ds.setString(Tag.PositionReferenceIndicator, VR.LO, "");
    ds.setString(Tag.Manufacturer, VR.LO, "SIEMENS");
    ds.setString(Tag.InstitutionName, VR.LO, "General Hospital");
    ds.setString(Tag.InstitutionAddress, VR.ST, "1 Hospital Road, Springfield");
    ds.setString(Tag.StationName, VR.SH, "CT01");
    ds.setString(Tag.InstitutionalDepartmentName, VR.LO, "Radiology");
    ds.setString(Tag.ManufacturerModelName, VR.LO, "SOMATOM Definition AS+");
    ds.setString(Tag.DeviceSerialNumber, VR.LO, "64021");
    ds.setString(Tag.SoftwareVersions, VR.LO, "syngo CT 2012B");
    ds.setString(Tag.DateOfLastCalibration, VR.DA, "20240611");
    ds.setString(Tag.TimeOfLastCalibration, VR.TM, "071204.000000");
  }

  private static void generalImage(Attributes ds) {
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.CTImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, INSTANCE_UID);
    ds.setString(Tag.InstanceCreationDate, VR.DA, "20240611");
    ds.setString(Tag.InstanceCreationTime, VR.TM, "101925.381000");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "CT_SOM5 SPI");
    ds.setString(Tag.InstanceNumber, VR.IS, "120");
    ds.setString(Tag.AcquisitionNumber, VR.IS, "2");
    ds.setString(Tag.AcquisitionDate, VR.DA, "20240611");
    ds.setString(Tag.AcquisitionTime, VR.TM, "101844.125370");
    ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240611101844.125370");
    ds.setString(Tag.ContentDate, VR.DA, "20240611");
    ds.setString(Tag.ContentTime, VR.TM, "101844.125370");
    ds.setString(Tag.ImagesInAcquisition, VR.IS, "241");
    ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
    ds.setString(Tag.LossyImageCompression, VR.CS, "00");
    ds.setString(Tag.IrradiationEventUID, VR.UI, ROOT + ".1.9");
    Sequence source = ds.newSequence(Tag.ReferencedImageSequence, 2);
    for (String localizer : new String[] {".1.1.1", ".1.1.2"}) {
      Attributes ref = source.addNew();
      ref.setString(Tag.ReferencedSOPClassUID, VR.UI, Uid.CTImageStorage);
      ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, ROOT + localizer);
    }
  }

  private static void ctAcquisition(Attributes ds) {
    ds.setString(Tag.ScanOptions, VR.CS, "HELICAL_CT");
    ds.setString(Tag.SliceThickness, VR.DS, "1");
    ds.setString(Tag.KVP, VR.DS, "120");
    ds.setString(Tag.DataCollectionDiameter, VR.DS, "500");
    ds.setString(Tag.ReconstructionDiameter, VR.DS, "354");
    ds.setString(Tag.DistanceSourceToDetector, VR.DS, "1085.6");
    ds.setString(Tag.DistanceSourceToPatient, VR.DS, "595");
    ds.setString(Tag.GantryDetectorTilt, VR.DS, "0");
    ds.setString(Tag.TableHeight, VR.DS, "148");
    ds.setString(Tag.RotationDirection, VR.CS, "CW");
    ds.setString(Tag.ExposureTime, VR.IS, "500");
    ds.setString(Tag.XRayTubeCurrent, VR.IS, "113");
    ds.setString(Tag.Exposure, VR.IS, "76");
    ds.setString(Tag.FilterType, VR.SH, "FLAT");
    ds.setString(Tag.GeneratorPower, VR.IS, "14");
    ds.setString(Tag.FocalSpots, VR.DS, "1.2");
    ds.setString(Tag.ConvolutionKernel, VR.SH, "B31f");
    ds.setString(Tag.AcquisitionType, VR.CS, "SPIRAL");
    ds.setString(Tag.ContrastBolusAgent, VR.LO, "");
    ds.setDouble(Tag.RevolutionTime, VR.FD, 0.5);
    ds.setDouble(Tag.SingleCollimationWidth, VR.FD, 0.6);
    ds.setDouble(Tag.TotalCollimationWidth, VR.FD, 38.4);
    ds.setDouble(Tag.TableSpeed, VR.FD, 92.16);
    ds.setDouble(Tag.TableFeedPerRotation, VR.FD, 46.08);
    ds.setDouble(Tag.SpiralPitchFactor, VR.FD, 1.2);
    ds.setDouble(Tag.DataCollectionCenterPatient, VR.FD, 0.5, -172.3, -412.75);
    ds.setDouble(Tag.ReconstructionTargetCenterPatient, VR.FD, -3.2, -160.1, -412.75);
    ds.setString(Tag.ExposureModulationType, VR.CS, "XYZ_EC");
    ds.setDouble(Tag.CTDIvol, VR.FD, 7.62);
    ds.setDouble(Tag.EstimatedDoseSaving, VR.FD, 31.4);
  }

  private static void imagePlaneAndPixel(Attributes ds) {
    ds.setString(Tag.ImagePositionPatient, VR.DS, "-180.308594", "-337.308594", "-412.75");
    ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
    ds.setString(Tag.SliceLocation, VR.DS, "-412.75");
    ds.setString(Tag.PixelSpacing, VR.DS, "0.69140625", "0.69140625");
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, ROWS);
    ds.setInt(Tag.Columns, VR.US, COLUMNS);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 12);
    ds.setInt(Tag.HighBit, VR.US, 11);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    ds.setInt(Tag.SmallestImagePixelValue, VR.US, 0);
    ds.setInt(Tag.LargestImagePixelValue, VR.US, 3417);
    ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    ds.setString(Tag.RescaleType, VR.LO, "HU");
    ds.setString(Tag.WindowCenter, VR.DS, "-600", "40");
    ds.setString(Tag.WindowWidth, VR.DS, "1200", "400");
    ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "WINDOW1", "WINDOW2");
  }

  private static void requestAndProcedure(Attributes ds) {
    ds.setString(Tag.RequestedProcedureDescription, VR.LO, "CT Chest");
    ds.setString(Tag.PerformedProcedureStepStartDate, VR.DA, "20240611");
    ds.setString(Tag.PerformedProcedureStepStartTime, VR.TM, "101532.218000");
    ds.setString(Tag.PerformedProcedureStepID, VR.SH, "PPS-48213");
    ds.setString(Tag.PerformedProcedureStepDescription, VR.LO, "CT CHEST WITHOUT CONTRAST");
    ds.setString(Tag.PatientComments, VR.LT, "Follow-up of a 6 mm nodule, right upper lobe.");
  }

  /** Ten elements in one block, as vendors keep reconstruction details (PS3.5 7.8). */
  private static void privateBlock(Attributes ds) {
    ds.setString(at(ds, 0x01), VR.LO, "CT VA48A");
    ds.setString(at(ds, 0x02), VR.SH, "B31f");
    ds.setString(at(ds, 0x03), VR.DS, "0.6", "0.6");
    ds.setString(at(ds, 0x04), VR.CS, "STANDARD");
    ds.setInt(at(ds, 0x05), VR.US, 64);
    ds.setInt(at(ds, 0x06), VR.SL, -2048);
    ds.setDouble(at(ds, 0x07), VR.FD, 1.0, 0.0, 0.0);
    ds.setString(at(ds, 0x08), VR.IS, "7");
    ds.setString(at(ds, 0x09), VR.UI, ROOT + ".77");
    ds.setBytes(at(ds, 0x0A), VR.OB, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  }

  private static int at(Attributes ds, int element) {
    return ds.reserve(new PrivateTag(PRIVATE_CREATOR, 0x0009, element));
  }

  /**
   * A disc of soft tissue in air with a smooth gradient: stored values 0-3417 (HU -1024 to
   * 2393), so the bytes vary as in a real slice; the parser never looks at them.
   */
  private static byte[] pixelData() {
    byte[] b = new byte[ROWS * COLUMNS * 2];
    for (int y = 0; y < ROWS; y++) {
      for (int x = 0; x < COLUMNS; x++) {
        int dx = x - COLUMNS / 2;
        int dy = y - ROWS / 2;
        int v = dx * dx + dy * dy < 200 * 200 ? 1000 + ((x * 7 + y * 13) & 0x3FF) : 24;
        int i = 2 * (y * COLUMNS + x);
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
      }
    }
    return b;
  }

  /** Prints size and element counts of the encoded instance per syntax. */
  public static void main(String[] args) throws IOException {
    for (TransferSyntax ts : new TransferSyntax[] {
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN}) {
      byte[] file = encode(ts);
      Attributes header;
      long headerBytes;
      try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file),
          ReadOptions.DEFAULTS.stopBeforePixelData())) {
        header = reader.readFile().dataset();
        headerBytes = reader.stoppedAt().headerOffset();
      }
      System.out.printf("%-26s %,9d bytes (%,d before Pixel Data), %d top-level elements"
              + " before Pixel Data, %d with sequence items%n",
          ts.name(), file.length, headerBytes, header.size(), deepSize(header));
    }
  }

  private static int deepSize(Attributes attrs) {
    int n = attrs.size();
    for (int i = 0; i < attrs.size(); i++) {
      if (attrs.valueAt(i) instanceof Sequence seq) {
        for (Attributes item : seq) {
          n += deepSize(item);
        }
      }
    }
    return n;
  }
}
