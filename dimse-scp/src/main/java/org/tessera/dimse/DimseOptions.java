package org.tessera.dimse;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.tessera.dicom.data.Uid;

/**
 * The DIMSE port of a node.
 *
 * @param port TCP port to listen on; 0 picks a free one
 * @param aeTitle the called AE title of the default archive
 * @param archives further archives and the called AE title that selects each: {@code name=AET}
 *     entries separated by commas ({@link ArchiveAeTitles}); empty for the default archive only.
 *     Each is created in the index at start-up if missing
 * @param maxPduLength the maximum length received we advertise (PS3.8 D.1): the longest
 *     P-DATA-TF variable field a peer may send us, in bytes; at least {@link #MIN_PDU_LENGTH}.
 *     Each association buffers at most one PDU of this size
 * @param artimTimeout the ARTIM timer (PS3.8 9.1.5): how long a new connection may take to send
 *     its A-ASSOCIATE-RQ, and how long we wait for the peer to close after a release, reject or
 *     abort
 * @param idleTimeout how long an established association may stay silent in both directions,
 *     with no request being served, before it is aborted; waiting for the rest of a request's
 *     data set from a peer that stopped sending counts as silence
 * @param maxAssociations how many associations may be open at once; more are rejected
 *     (transient, local-limit-exceeded, PS3.8 Table 9-21)
 * @param transferSyntaxes the transfer syntaxes to prefer, most preferred first, as UIDs
 *     separated by commas; a proposed syntax not listed is accepted only when none listed is
 *     proposed, and only if it is a syntax of the standard
 * @param moveDestinations the AEs C-MOVE may send to: {@code AET=host:port} entries separated
 *     by commas ({@link MoveDestinations}); empty for none
 * @param allowedCallingAeTitles the calling AE titles that may associate with an archive not
 *     listed in {@code archiveCallingAeTitles}, separated by commas; empty lets any AE in.
 *     Others are rejected (PS3.8 Table 9-21: calling AE title not recognized)
 * @param archiveCallingAeTitles per archive, the calling AE titles that may associate with its
 *     AE title: {@code archive=AET|AET} entries separated by commas, the default archive named
 *     {@code default}; empty: every archive follows {@code allowedCallingAeTitles}
 * @param aeAccess the collections each calling AE may query and retrieve ({@link AeAccess});
 *     empty: every AE sees everything
 */
public record DimseOptions(int port, String aeTitle, String archives, int maxPduLength,
    Duration artimTimeout, Duration idleTimeout, int maxAssociations, String transferSyntaxes,
    String moveDestinations, String allowedCallingAeTitles, String archiveCallingAeTitles,
    String aeAccess) {
  public static final int DEFAULT_PORT = 11112;
  public static final String DEFAULT_AE_TITLE = "TESSERA";
  /**
   * 256 KiB: large enough that PDU headers and per-PDU work are negligible for image data,
   * small enough that one buffered PDU per association stays cheap at the association limit.
   */
  public static final int DEFAULT_MAX_PDU_LENGTH = 256 * 1024;
  /** The smallest maximum length we advertise; peers commonly assume 4 KiB works. */
  public static final int MIN_PDU_LENGTH = 4096;
  public static final Duration DEFAULT_ARTIM_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_ASSOCIATIONS = 100;
  /** Explicit VR Little Endian, then Implicit VR Little Endian (the default of PS3.5 10.1). */
  public static final String DEFAULT_TRANSFER_SYNTAXES =
      Uid.ExplicitVRLittleEndian + "," + Uid.ImplicitVRLittleEndian;

  public static final DimseOptions DEFAULTS = new DimseOptions(DEFAULT_PORT, DEFAULT_AE_TITLE);

  public DimseOptions {
    if (maxPduLength < MIN_PDU_LENGTH) {
      throw new IllegalArgumentException(
          "maxPduLength " + maxPduLength + " is below the minimum of " + MIN_PDU_LENGTH);
    }
    if (artimTimeout.isNegative() || artimTimeout.isZero()
        || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("artimTimeout and idleTimeout must be above 0");
    }
    if (maxAssociations < 1) {
      throw new IllegalArgumentException("maxAssociations must be 1 or more");
    }
    MoveDestinations.parse(moveDestinations); // fails naming a malformed entry
    AeAccess.parse(aeAccess);
    ArchiveAeTitles.parse(aeTitle, archives, archiveCallingAeTitles, allowedCallingAeTitles);
    for (String uid : split(transferSyntaxes)) {
      if (!Uid.isValid(uid)) {
        throw new IllegalArgumentException("transferSyntaxes: \"" + uid + "\" is not a UID");
      }
    }
  }

  /** The given port and AE title, defaults for the rest. */
  public DimseOptions(int port, String aeTitle) {
    this(port, aeTitle, DEFAULT_MAX_PDU_LENGTH, DEFAULT_ARTIM_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_ASSOCIATIONS, DEFAULT_TRANSFER_SYNTAXES);
  }

  /** Without move destinations. */
  public DimseOptions(int port, String aeTitle, int maxPduLength, Duration artimTimeout,
      Duration idleTimeout, int maxAssociations, String transferSyntaxes) {
    this(port, aeTitle, maxPduLength, artimTimeout, idleTimeout, maxAssociations,
        transferSyntaxes, "", "", "");
  }

  /** The default archive only. */
  public DimseOptions(int port, String aeTitle, int maxPduLength, Duration artimTimeout,
      Duration idleTimeout, int maxAssociations, String transferSyntaxes,
      String moveDestinations, String allowedCallingAeTitles, String aeAccess) {
    this(port, aeTitle, "", maxPduLength, artimTimeout, idleTimeout, maxAssociations,
        transferSyntaxes, moveDestinations, allowedCallingAeTitles, "", aeAccess);
  }

  /** The same options with {@code destinations} as move destinations. */
  public DimseOptions withMoveDestinations(String destinations) {
    return new DimseOptions(port, aeTitle, archives, maxPduLength, artimTimeout, idleTimeout,
        maxAssociations, transferSyntaxes, destinations, allowedCallingAeTitles,
        archiveCallingAeTitles, aeAccess);
  }

  /** The same options letting only {@code aeTitles} (comma-separated; empty: any) associate. */
  public DimseOptions withAllowedCallingAeTitles(String aeTitles) {
    return new DimseOptions(port, aeTitle, archives, maxPduLength, artimTimeout, idleTimeout,
        maxAssociations, transferSyntaxes, moveDestinations, aeTitles, archiveCallingAeTitles,
        aeAccess);
  }

  /** The same options with {@code access} as {@link #aeAccess()}. */
  public DimseOptions withAeAccess(String access) {
    return new DimseOptions(port, aeTitle, archives, maxPduLength, artimTimeout, idleTimeout,
        maxAssociations, transferSyntaxes, moveDestinations, allowedCallingAeTitles,
        archiveCallingAeTitles, access);
  }

  /** The same options with {@code entries} as {@link #archives()}. */
  public DimseOptions withArchives(String entries) {
    return new DimseOptions(port, aeTitle, entries, maxPduLength, artimTimeout, idleTimeout,
        maxAssociations, transferSyntaxes, moveDestinations, allowedCallingAeTitles,
        archiveCallingAeTitles, aeAccess);
  }

  /** The same options with {@code entries} as {@link #archiveCallingAeTitles()}. */
  public DimseOptions withArchiveCallingAeTitles(String entries) {
    return new DimseOptions(port, aeTitle, archives, maxPduLength, artimTimeout, idleTimeout,
        maxAssociations, transferSyntaxes, moveDestinations, allowedCallingAeTitles, entries,
        aeAccess);
  }

  /** The archives by called AE title, with the calling AE titles each lets in. */
  public ArchiveAeTitles archiveAeTitles() {
    return ArchiveAeTitles.parse(aeTitle, archives, archiveCallingAeTitles,
        allowedCallingAeTitles);
  }

  /** {@link #aeAccess()} parsed. */
  public AeAccess aeAccessMap() {
    return AeAccess.parse(aeAccess);
  }

  /** {@link #moveDestinations()} parsed. */
  public MoveDestinations moveDestinationMap() {
    return MoveDestinations.parse(moveDestinations);
  }

  /** {@link #transferSyntaxes()} as a list, most preferred first. */
  public List<String> transferSyntaxList() {
    return split(transferSyntaxes);
  }

  private static List<String> split(String uids) {
    return Arrays.stream(uids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
