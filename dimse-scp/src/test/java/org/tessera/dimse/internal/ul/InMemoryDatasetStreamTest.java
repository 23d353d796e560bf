package org.tessera.dimse.internal.ul;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A data set read into memory (a stored file sent whole) delivered as a read stream. */
class InMemoryDatasetStreamTest {
  @Test
  void deliversItsBufferOnDemandThenTheEndOnce() {
    List<String> events = new ArrayList<>();
    DatasetStream s = DatasetStream.of(Unpooled.copiedBuffer("data set", StandardCharsets.UTF_8));
    s.pause();
    s.handler(b -> events.add("data " + b));
    s.endHandler(v -> events.add("end"));
    assertThat(events).isEmpty(); // paused: nothing yet

    s.fetch(1);
    assertThat(events).containsExactly("data data set", "end");

    s.resume();
    assertThat(events).hasSize(2);
  }

  @Test
  void anEndHandlerSetAfterTheDataStillHearsTheEnd() {
    List<String> events = new ArrayList<>();
    DatasetStream s = DatasetStream.of(Unpooled.wrappedBuffer(new byte[3]));
    s.handler(b -> events.add("data " + b.length()));
    s.endHandler(v -> events.add("end"));

    assertThat(events).containsExactly("data 3", "end");
  }
}
