package org.tessera.dimse;

/**
 * The DIMSE port of a node.
 *
 * @param port TCP port to listen on; 0 picks a free one
 * @param aeTitle the called AE title of the default archive
 */
public record DimseOptions(int port, String aeTitle) {
  public static final int DEFAULT_PORT = 11112;
  public static final String DEFAULT_AE_TITLE = "TESSERA";

  public static final DimseOptions DEFAULTS = new DimseOptions(DEFAULT_PORT, DEFAULT_AE_TITLE);
}
