#!/usr/bin/env python3
"""Test instances for the ingest benchmark (benchmarks/ingest/run-ingest-bench.sh).

    gen_instances.py ct DIR COUNT [--size 512] [--series 4] [--study 1]
        COUNT single-frame CT Image Storage files, SIZE x SIZE x 16 bit, Explicit VR Little
        Endian, spread over SERIES series of one study: DIR/series-N/IMG00001.dcm ...
        --size 512 gives ~0.53 MB files, --size 16 ~2.7 KB ("tiny") files. Sets made with
        different --study numbers have different UIDs.
    gen_instances.py multiframe FILE FRAMES [--size 512]
        one Multi-frame Grayscale Word Secondary Capture instance of FRAMES frames, SIZE x SIZE
        x 16 bit. Pixel Data is streamed to the file in 8 MB blocks after the header, never held
        in memory: 2048 frames of 512 x 512 make a 1 GiB (1,073,741,824 bytes) Pixel Data value.

Needs pydicom (Debian: apt-get install python3-pydicom; else pip install pydicom).
The header resembles a scanner's CT slice: 97 elements before Pixel Data (patient, study,
series, equipment, image plane, CT acquisition, VOI LUT, SOP Common, two short sequences and a
private block), about 2.2 KB with the File Meta Information and preamble.
"""
import argparse
import os
import struct
import sys

try:
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian
except ImportError:
    sys.exit("gen_instances.py needs pydicom: apt-get install python3-pydicom "
             "(or pip install pydicom)")

ROOT = "2.25.2718281828459045235360287471352"
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MF_GRAYSCALE_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3"


def file_meta(sop_class, sop_instance):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_instance
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = ROOT + ".9"
    meta.ImplementationVersionName = "TESSERA_BENCH"
    return meta


def header(study, series_no, instance_no, sop_class, sop_instance, rows, cols):
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.InstanceCreationDate = "20261123"
    ds.InstanceCreationTime = "101500"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_instance
    ds.StudyDate = "20261123"
    ds.SeriesDate = "20261123"
    ds.AcquisitionDate = "20261123"
    ds.ContentDate = "20261123"
    ds.StudyTime = "101000"
    ds.SeriesTime = "101200"
    ds.AcquisitionTime = "101230.%06d" % instance_no
    ds.ContentTime = "101230"
    ds.AccessionNumber = "ACC%07d" % study
    ds.Modality = "CT" if sop_class == CT_IMAGE_STORAGE else "OT"
    ds.Manufacturer = "TESSERA BENCH"
    ds.InstitutionName = "Benchmark Hospital"
    ds.InstitutionAddress = "1 Disk Road"
    ds.ReferringPhysicianName = "SMITH^JOHN"
    ds.StationName = "BENCHCT01"
    ds.StudyDescription = "CT CHEST WITHOUT CONTRAST"
    ds.SeriesDescription = "AXIAL 1.25 LUNG %d" % series_no
    ds.ManufacturerModelName = "BenchScan 128"
    ds.ProcedureCodeSequence = Sequence([code("71250", "CPT4", "CT thorax w/o contrast")])
    ref = Dataset()
    ref.ReferencedSOPClassUID = sop_class
    ref.ReferencedSOPInstanceUID = "%s.%d.%d.99" % (ROOT, study, series_no)
    ds.ReferencedImageSequence = Sequence([ref])
    ds.PatientName = "DOE^JANE^Q"
    ds.PatientID = "BENCH-%04d" % study
    ds.IssuerOfPatientID = "TESSERA"
    ds.PatientBirthDate = "19580312"
    ds.PatientSex = "F"
    ds.PatientAge = "068Y"
    ds.PatientSize = "1.68"
    ds.PatientWeight = "71.5"
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Per DICOM PS 3.15 AnnexE"
    ds.BodyPartExamined = "CHEST"
    ds.SliceThickness = "1.25"
    ds.KVP = "120"
    ds.SpacingBetweenSlices = "1.25"
    ds.DataCollectionDiameter = "500"
    ds.SoftwareVersions = "1.0"
    ds.ProtocolName = "CHEST ROUTINE"
    ds.ReconstructionDiameter = "360"
    ds.DistanceSourceToDetector = "949.075"
    ds.DistanceSourceToPatient = "541"
    ds.GantryDetectorTilt = "0"
    ds.TableHeight = "160"
    ds.RotationDirection = "CW"
    ds.ExposureTime = "500"
    ds.XRayTubeCurrent = "250"
    ds.Exposure = "125"
    ds.FilterType = "BODY FILTER"
    ds.GeneratorPower = "30000"
    ds.FocalSpots = "0.7"
    ds.ConvolutionKernel = "LUNG"
    ds.PatientPosition = "FFS"
    ds.RevolutionTime = 0.5
    ds.SingleCollimationWidth = 0.625
    ds.TotalCollimationWidth = 40.0
    ds.TableSpeed = 78.75
    ds.TableFeedPerRotation = 39.375
    ds.SpiralPitchFactor = 0.984375
    ds.StudyInstanceUID = "%s.%d" % (ROOT, study)
    ds.SeriesInstanceUID = "%s.%d.%d" % (ROOT, study, series_no)
    ds.StudyID = "%d" % study
    ds.SeriesNumber = series_no
    ds.AcquisitionNumber = 1
    ds.InstanceNumber = instance_no
    ds.ImagePositionPatient = ["-180", "-180", "%.2f" % (-1.25 * instance_no)]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.FrameOfReferenceUID = "%s.%d.0" % (ROOT, study)
    ds.PositionReferenceIndicator = ""
    ds.SliceLocation = "%.2f" % (-1.25 * instance_no)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = cols
    ds.PixelSpacing = ["0.703125", "0.703125"]
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.WindowCenter = "-600"
    ds.WindowWidth = "1600"
    ds.RescaleIntercept = "-1024"
    ds.RescaleSlope = "1"
    ds.RescaleType = "HU"
    ds.add_new(0x00090010, "LO", "TESSERA BENCH CT 1.0")
    for i in range(8):
        ds.add_new(0x00091010 + i, "LO", "private value %d" % i)
    return ds


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue = value
    c.CodingSchemeDesignator = scheme
    c.CodeMeaning = meaning
    return c


def write_ct(directory, count, size, series, study=1):
    # one block of random pixels for all files: the disk does not compress, the pipeline
    # never looks at pixel values, and this keeps generation I/O-bound
    pixels = os.urandom(size * size * 2)
    per_series = (count + series - 1) // series
    total = 0
    for n in range(count):
        s, i = n // per_series + 1, n % per_series + 1
        sop = "%s.%d.%d.%d" % (ROOT, study, s, i)
        ds = header(study, s, i, CT_IMAGE_STORAGE, sop, size, size)
        ds.PixelData = pixels
        ds["PixelData"].VR = "OW"
        ds.file_meta = file_meta(CT_IMAGE_STORAGE, sop)
        d = os.path.join(directory, "series-%d" % s)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "IMG%05d.dcm" % i)
        write(ds, path)
        total += os.path.getsize(path)
    print("%d files, %d bytes (%.1f KB each) in %s"
          % (count, total, total / count / 1000, directory))


def write(ds, path):
    if int(pydicom.__version__.split(".")[0]) >= 3:
        ds.save_as(path, enforce_file_format=True)
    else:
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(path, write_like_original=False)


def write_multiframe(path, frames, size, study=2):
    sop = "%s.%d.1.1" % (ROOT, study)
    ds = header(study, 1, 1, MF_GRAYSCALE_WORD_SC, sop, size, size)
    ds.NumberOfFrames = frames
    ds.ConversionType = "WSD"
    ds.FrameIncrementPointer = 0x00181063  # Frame Time
    ds.FrameTime = "100"
    ds.file_meta = file_meta(MF_GRAYSCALE_WORD_SC, sop)
    write(ds, path)  # everything but Pixel Data, which comes last
    length = frames * size * size * 2
    if length >= 0xFFFFFFFF:
        sys.exit("Pixel Data of %d bytes does not fit a defined length" % length)
    block = os.urandom(8 * 1024 * 1024)
    with open(path, "ab") as f:
        # (7FE0,0010) OW, Explicit VR Little Endian: tag, VR, 2 reserved bytes, 32-bit length
        f.write(struct.pack("<HH2sHI", 0x7FE0, 0x0010, b"OW", 0, length))
        left = length
        while left:
            n = min(left, len(block))
            f.write(block[:n])
            left -= n
    print("%s: %d frames of %d x %d, %d bytes" % (path, frames, size, size, os.path.getsize(path)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    ct = sub.add_parser("ct")
    ct.add_argument("dir")
    ct.add_argument("count", type=int)
    ct.add_argument("--size", type=int, default=512)
    ct.add_argument("--series", type=int, default=4)
    ct.add_argument("--study", type=int, default=1, help="study number (UIDs derive from it)")
    mf = sub.add_parser("multiframe")
    mf.add_argument("file")
    mf.add_argument("frames", type=int)
    mf.add_argument("--size", type=int, default=512)
    a = p.parse_args()
    if a.what == "ct":
        write_ct(a.dir, a.count, a.size, a.series, a.study)
    else:
        write_multiframe(a.file, a.frames, a.size)


if __name__ == "__main__":
    main()
