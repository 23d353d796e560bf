package org.tessera.dimse.internal.ul;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;
import org.tessera.dimse.internal.pdu.AAbort;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.message.Command;

/**
 * Reassembles DIMSE messages from PDVs (PS3.8 Annex E, PS3.7 8.1): the command set's fragments,
 * then, if the command says so, the data set's, all on one presentation context and never
 * interleaved with another message. Anything else is a protocol violation that aborts the
 * association.
 */
final class MessageAssembler {
  /**
   * Command sets are a few hundred bytes (PS3.7 9.3, 10.3); this bound keeps a hostile peer from
   * growing one without limit and keeps decoding it inline on the event loop cheap.
   */
  static final int MAX_COMMAND_LENGTH = 64 * 1024;

  /** Receives each complete command set. */
  interface Listener {
    /**
     * @return where the data set's fragments go if the command has one (never null then), or
     *     null
     */
    DatasetStream onCommand(PresentationContext context, Command command) throws PduException;
  }

  private final Map<Integer, PresentationContext> contexts;
  private final Listener listener;
  /** Context of the message being received; 0 between messages. */
  private int contextId;
  private Buffer command = Buffer.buffer();
  /** The data set being received, or null while a command set is due. */
  private DatasetStream dataset;

  MessageAssembler(Map<Integer, PresentationContext> contexts, Listener listener) {
    this.contexts = contexts;
    this.listener = listener;
  }

  void onPData(PDataTf pdu) throws PduException {
    for (Pdv pdv : pdu.pdvs()) {
      onPdv(pdv);
    }
  }

  private void onPdv(Pdv pdv) throws PduException {
    PresentationContext context = contexts.get(pdv.contextId());
    if (context == null) {
      throw violation("PDV on presentation context " + pdv.contextId() + ", which is not accepted");
    }
    if (contextId != 0 && pdv.contextId() != contextId) {
      throw violation("PDV on presentation context " + pdv.contextId()
          + " inside a message on context " + contextId);
    }
    contextId = pdv.contextId();
    if (dataset != null) {
      onDatasetFragment(pdv);
    } else {
      onCommandFragment(context, pdv);
    }
  }

  private void onCommandFragment(PresentationContext context, Pdv pdv) throws PduException {
    if (!pdv.command()) {
      throw violation("data set fragment where a command set fragment is due");
    }
    if (command.length() + pdv.data().length() > MAX_COMMAND_LENGTH) {
      throw violation("command set longer than " + MAX_COMMAND_LENGTH + " bytes");
    }
    command.appendBuffer(pdv.data());
    if (!pdv.last()) {
      return;
    }
    Command decoded;
    try {
      decoded = Command.decode(command.getBytes());
    } catch (IOException | RuntimeException e) {
      throw violation("unreadable command set: " + e.getMessage());
    }
    command = Buffer.buffer();
    if (!decoded.hasDataset()) {
      contextId = 0;
    }
    dataset = listener.onCommand(context, decoded);
  }

  private void onDatasetFragment(Pdv pdv) throws PduException {
    if (pdv.command()) {
      throw violation("command set fragment inside a data set");
    }
    DatasetStream receiving = dataset;
    if (pdv.last()) {
      dataset = null;
      contextId = 0;
    }
    receiving.push(pdv.data(), pdv.last());
  }

  /** Whether the fragments of a data set are due. */
  boolean receivingDataset() {
    return dataset != null;
  }

  /** The association is over: a data set still arriving never will. */
  void connectionLost(Throwable cause) {
    if (dataset != null) {
      dataset.fail(cause);
      dataset = null;
    }
  }

  private static PduException violation(String message) {
    return new PduException(AAbort.UNEXPECTED_PDU_PARAMETER, "P-DATA-TF: " + message);
  }
}
