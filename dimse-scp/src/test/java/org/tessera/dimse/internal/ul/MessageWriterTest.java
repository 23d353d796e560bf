package org.tessera.dimse.internal.ul;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.dimse.internal.pdu.PDataTf;
import org.tessera.dimse.internal.pdu.PduDecoder;
import org.tessera.dimse.internal.pdu.PduException;
import org.tessera.dimse.internal.pdu.Pdv;
import org.tessera.dimse.message.Command;

/** What a C-STORE request's PDUs look like on the wire, however its data set is held. */
class MessageWriterTest {
  private static final int FRAGMENT = 100;
  private final List<Buffer> writes = new ArrayList<>();
  /** What the socket would do: write the bytes, then release them. */
  private final MessageWriter writer = new MessageWriter(FRAGMENT, b -> {
    assertThat(b.isDirect()).as("direct: the socket writes it without a copy").isTrue();
    byte[] bytes = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), bytes);
    writes.add(Buffer.buffer(bytes));
    b.release();
    return Future.succeededFuture();
  });

  @Test
  void aDataSetInMemoryGoesWithItsCommandInOneWriteOfFragments() throws Exception {
    Buffer dataset = random(250);

    writer.send(1, store(), DatasetStream.of(Unpooled.wrappedBuffer(dataset.getBytes())));

    assertThat(writes).hasSize(1);
    List<Pdv> pdvs = decode(writes);
    List<Pdv> data = pdvs.stream().filter(p -> !p.command()).toList();
    assertThat(data).extracting(p -> p.data().length()).containsExactly(100, 100, 50);
    assertThat(data).extracting(Pdv::last).containsExactly(false, false, true);
    assertThat(data).allMatch(p -> p.contextId() == 1);
    assertThat(concat(data)).isEqualTo(dataset);
    List<Pdv> command = pdvs.stream().filter(Pdv::command).toList();
    assertThat(pdvs.subList(0, command.size())).isEqualTo(command); // the command comes first
    assertThat(command.get(command.size() - 1).last()).isTrue();
    assertThat(Command.decode(concat(command).getBytes()).hasDataset()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 37, 99, 100, 101, 250, 1000})
  void aStreamedDataSetGoesAsTheSamePdusInAWritePerChunkReceived(int chunk) throws PduException {
    Buffer dataset = random(1000);
    writer.send(3, store(), DatasetStream.of(Unpooled.wrappedBuffer(dataset.getBytes())));
    List<Pdv> whole = decode(writes);
    writes.clear();

    DatasetStream streamed = new DatasetStream(new DatasetStream.InputFlow() {
      @Override
      public void pauseInput() {}

      @Override
      public void resumeInput() {}
    });
    writer.send(3, store(), streamed);
    int chunks = 0;
    for (int start = 0; start < dataset.length(); start += chunk, chunks++) {
      int end = Math.min(dataset.length(), start + chunk);
      streamed.push(dataset.getBuffer(start, end), end == dataset.length());
    }

    assertThat(decode(writes)).isEqualTo(whole);
    assertThat(writes.size()).isLessThanOrEqualTo(Math.min(chunks, 10) + 1);
  }

  @Test
  void aLargeDataSetInDirectMemoryIsSlicedAndReleasedOnceWritten() throws PduException {
    MessageWriter big = new MessageWriter(16_372, b -> {
      assertThat(b).isInstanceOf(CompositeByteBuf.class); // headers and slices, not a copy
      byte[] bytes = new byte[b.readableBytes()];
      b.getBytes(b.readerIndex(), bytes);
      writes.add(Buffer.buffer(bytes));
      b.release();
      return Future.succeededFuture();
    });
    Buffer dataset = random(512 * 1024 + 3);
    ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(dataset.length());
    direct.writeBytes(dataset.getBytes());

    big.send(1, store(), DatasetStream.of(direct));

    assertThat(writes).hasSize(1);
    List<Pdv> data = decode(writes).stream().filter(p -> !p.command()).toList();
    assertThat(data).hasSize(33);
    assertThat(concat(data)).isEqualTo(dataset);
    assertThat(direct.refCnt()).as("released once written").isZero();
  }

  @Test
  void anInMemoryDataSetNotSentIsReleasedByDiscard() {
    ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(10).writeZero(10);
    DatasetStream.of(direct).discard();
    assertThat(direct.refCnt()).isZero();
  }

  @Test
  void anEmptyDataSetIsOneLastFragment() throws PduException {
    writer.send(5, store(), DatasetStream.of(Unpooled.buffer(0)));

    List<Pdv> data = decode(writes).stream().filter(p -> !p.command()).toList();
    assertThat(data).hasSize(1);
    assertThat(data.get(0).last()).isTrue();
    assertThat(data.get(0).data().length()).isZero();
  }

  private static Command store() {
    return Command.storeRq(7, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4");
  }

  private static Buffer random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  private static List<Pdv> decode(List<Buffer> written) throws PduException {
    List<Pdv> pdvs = new ArrayList<>();
    PduDecoder decoder = new PduDecoder(1 << 20, pdu -> {
      List<Pdv> in = ((PDataTf) pdu).pdvs();
      assertThat(in).hasSize(1); // one PDV per PDU
      pdvs.addAll(in);
    });
    for (Buffer b : written) {
      decoder.feed(b);
    }
    assertThat(decoder.buffered()).isZero();
    return pdvs;
  }

  private static Buffer concat(List<Pdv> pdvs) {
    Buffer all = Buffer.buffer();
    pdvs.forEach(p -> all.appendBuffer(p.data()));
    return all;
  }
}
