package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestService;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.dict.UidDictionary;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The Storage Service Class SCP (PS3.4 Annex B) for every storage SOP class of the standard.
 * The data set is stored as received, in the presentation context's transfer syntax: File Meta
 * Information made from the command (SOP Class and Instance UIDs, transfer syntax, the calling
 * AE title as Source Application Entity Title) goes in front of it, and the whole streams into
 * the ingest pipeline while it arrives. The response comes from the pipeline's result.
 */
public final class StoreScp implements DimseService {
  private final IngestService ingest;
  private final Set<String> sopClasses;

  public StoreScp(IngestService ingest) {
    this.ingest = ingest;
    UidDictionary uids = UidDictionary.standard();
    this.sopClasses = uids.ofType("SOP Class").stream()
        .map(UidDictionary.Entry::uid)
        .filter(uids::isStorageSopClass)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Override
  public Set<String> sopClasses() {
    return sopClasses;
  }

  @Override
  public Future<DimseResponse> onRequest(DimseRequest request) {
    Command rq = request.command();
    if (rq.dimse() != Dimse.C_STORE_RQ) {
      return DimseResponse.refuse(rq, Status.UNRECOGNIZED_OPERATION,
          rq.dimse() + " on a Storage presentation context");
    }
    String cuid = rq.affectedSopClassUid();
    String iuid = rq.affectedSopInstanceUid();
    if (request.dataset() == null) {
      return DimseResponse.refuse(rq, Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set");
    }
    if (!request.abstractSyntax().equals(cuid)) {
      // PS3.7 9.3.1.1: the Affected SOP Class is the context's abstract syntax
      return DimseResponse.refuse(rq, Status.SOP_CLASS_NOT_SUPPORTED, "Affected SOP Class UID " + cuid
          + " is not the presentation context's " + request.abstractSyntax());
    }
    if (iuid == null || !Uid.isValid(iuid)) {
      return DimseResponse.refuse(rq, Status.CANNOT_UNDERSTAND,
          "Affected SOP Instance UID '" + iuid + "' is not a valid UID");
    }
    request.dataset().prepend(fileMeta(cuid, iuid, request));
    IngestContext ctx = new IngestContext(request.archive(), null,
        "DIMSE " + request.association(), cuid, iuid, null);
    return ingest.ingest(ctx, request.dataset())
        .map(result -> StoreStatus.response(rq, result))
        .recover(e -> Future.succeededFuture(StoreStatus.response(rq, e)))
        .map(DimseResponse::of);
  }

  private static Buffer fileMeta(String cuid, String iuid, DimseRequest request) {
    FileMetaInformation meta = FileMetaInformation.create(cuid, iuid, request.transferSyntax())
        .withSourceApplicationEntityTitle(request.callingAeTitle());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      new DicomWriter(bytes).writeFileMeta(meta);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }
}
