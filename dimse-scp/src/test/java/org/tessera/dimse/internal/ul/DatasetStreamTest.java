package org.tessera.dimse.internal.ul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data set stream on its own, driven by hand as the association drives it: Vert.x
 * {@code ReadStream} semantics for the consumer, and pause/resume of the input for the socket.
 * Single-threaded like the event loop it lives on, so every step is observed synchronously.
 */
class DatasetStreamTest {
  /** A quarter of {@link DatasetStream#HIGH_WATER}: the length of one of our PDVs, roughly. */
  static final int QUARTER = DatasetStream.HIGH_WATER / 4;

  /** Counts the pauses and resumes of the input and checks they alternate. */
  static final class Input implements DatasetStream.InputFlow {
    int pauses;
    int resumes;
    boolean paused;

    @Override
    public void pauseInput() {
      assertThat(paused).as("paused twice").isFalse();
      paused = true;
      pauses++;
    }

    @Override
    public void resumeInput() {
      assertThat(paused).as("resumed without a pause").isTrue();
      paused = false;
      resumes++;
    }
  }

  final Input input = new Input();
  final DatasetStream stream = new DatasetStream(input);
  final List<String> events = new ArrayList<>();

  @Test
  void buffersArriveInOrderThenTheEnd() {
    stream.endHandler(v -> events.add("end"));
    stream.handler(b -> events.add(b.toString()));

    stream.push(Buffer.buffer("a"), false);
    stream.push(Buffer.buffer("b"), false);
    stream.push(Buffer.buffer("c"), true);

    assertThat(events).containsExactly("a", "b", "c", "end");
    assertThat(stream.length()).isEqualTo(3);
    assertThat(stream.received().succeeded()).isTrue();
  }

  @Test
  void whatArrivesBeforeTheHandlerWaitsForIt() {
    stream.push(Buffer.buffer("a"), false);
    stream.push(Buffer.buffer("b"), false);
    stream.handler(b -> events.add(b.toString()));
    stream.push(Buffer.buffer("c"), false);

    assertThat(events).containsExactly("a", "b", "c");
  }

  /** A consumer that sets its data handler before its end handler still hears the end. */
  @Test
  void theEndWaitsForAnEndHandlerSetAfterTheDataHandler() {
    stream.push(Buffer.buffer("a"), false);
    stream.push(Buffer.buffer("b"), true);

    stream.handler(b -> events.add(b.toString()));
    stream.endHandler(v -> events.add("end"));

    assertThat(events).containsExactly("a", "b", "end");
  }

  @Test
  void pausedDeliversOnlyWhatIsFetched() {
    stream.handler(b -> events.add(b.toString()));
    stream.pause();
    for (String s : List.of("a", "b", "c", "d")) {
      stream.push(Buffer.buffer(s), false);
    }
    assertThat(events).isEmpty();

    stream.fetch(1);
    assertThat(events).containsExactly("a");
    stream.fetch(2);
    assertThat(events).containsExactly("a", "b", "c");
    stream.fetch(0);
    assertThat(events).containsExactly("a", "b", "c");

    // demand is kept: two more fetched than queued go to the next two arrivals
    stream.fetch(3);
    assertThat(events).containsExactly("a", "b", "c", "d");
    stream.push(Buffer.buffer("e"), false);
    stream.push(Buffer.buffer("f"), false);
    stream.push(Buffer.buffer("g"), false);
    assertThat(events).containsExactly("a", "b", "c", "d", "e", "f");

    stream.resume();
    assertThat(events).containsExactly("a", "b", "c", "d", "e", "f", "g");
    stream.push(Buffer.buffer("h"), false);
    assertThat(events).endsWith("h");
  }

  @Test
  void fetchingTooMuchSaturatesInsteadOfOverflowing() {
    stream.handler(b -> events.add(b.toString()));
    stream.pause();
    stream.fetch(Long.MAX_VALUE - 1);
    stream.fetch(Long.MAX_VALUE - 1);
    for (int i = 0; i < 3; i++) {
      stream.push(Buffer.buffer("x"), false);
    }
    assertThat(events).hasSize(3);
  }

  @Test
  void theEndWaitsForAHandlerAndForTheLastBuffer() {
    stream.endHandler(v -> events.add("end"));
    stream.push(Buffer.buffer("a"), true);
    // the last fragment is in, but nobody has read it: no end yet
    assertThat(events).isEmpty();
    assertThat(stream.received().succeeded()).isTrue();

    stream.pause();
    stream.handler(b -> events.add(b.toString()));
    assertThat(events).as("paused: neither the buffer nor the end").isEmpty();

    stream.fetch(1);
    assertThat(events).containsExactly("a", "end");
    stream.resume();
    stream.fetch(1);
    assertThat(events).as("the end comes once").containsExactly("a", "end");
  }

  @Test
  void aDataSetEndingWhileReadEndsAfterItsLastBuffer() {
    stream.handler(b -> events.add(b.toString()));
    stream.endHandler(v -> events.add("end"));
    stream.push(Buffer.buffer("a"), false);
    assertThat(events).containsExactly("a");
    stream.push(Buffer.buffer("b"), true);
    assertThat(events).containsExactly("a", "b", "end");
  }

  @Test
  void prependedDataComesFirstAndIsNotCounted() {
    stream.push(Buffer.buffer("data"), false);
    stream.prepend(Buffer.buffer("meta"));
    stream.handler(b -> events.add(b.toString()));
    stream.push(Buffer.buffer("more"), false);

    assertThat(events).containsExactly("meta", "data", "more");
    assertThat(stream.length()).as("data set bytes only").isEqualTo(8);
  }

  @Test
  void theInputPausesAboveHighWaterAndResumesAtHalf() {
    stream.handler(b -> events.add("" + b.length()));
    stream.pause();

    // exactly HIGH_WATER queued is not above it
    for (int i = 0; i < 4; i++) {
      stream.push(Buffer.buffer(new byte[QUARTER]), false);
    }
    assertThat(input.pauses).isZero();
    stream.push(Buffer.buffer(new byte[1]), false);
    assertThat(input.pauses).isEqualTo(1);
    stream.push(Buffer.buffer(new byte[QUARTER]), false);
    assertThat(input.pauses).as("paused once, however much more arrives").isEqualTo(1);

    // queued: 5 quarters + 1 byte; 3 quarters + 1 byte is still above half
    stream.fetch(2);
    assertThat(input.resumes).isZero();
    // 2 quarters + 1 byte: above half by one byte
    stream.fetch(1);
    assertThat(input.resumes).isZero();
    // 1 quarter + 1 byte
    stream.fetch(1);
    assertThat(input.resumes).isEqualTo(1);
    assertThat(input.paused).isFalse();
  }

  @Test
  void theInputResumesAtExactlyHalf() {
    stream.handler(b -> { });
    stream.pause();
    for (int i = 0; i < 5; i++) {
      stream.push(Buffer.buffer(new byte[QUARTER]), false);
    }
    assertThat(input.paused).isTrue();
    stream.fetch(2); // 3 quarters left
    assertThat(input.paused).isTrue();
    stream.fetch(1); // 2 quarters: HIGH_WATER / 2
    assertThat(input.paused).isFalse();
  }

  @Test
  void aConsumerThatKeepsUpNeverPausesTheInput() {
    long[] bytes = {0};
    stream.handler(b -> bytes[0] += b.length());
    for (int i = 0; i < 64; i++) {
      stream.push(Buffer.buffer(new byte[QUARTER]), false);
    }
    assertThat(input.pauses).isZero();
    assertThat(bytes[0]).isEqualTo(64L * QUARTER);
  }

  @Test
  void discardDropsQueuedAndLaterDataAndResumesTheInput() {
    stream.handler(b -> events.add("" + b.length()));
    stream.endHandler(v -> events.add("end"));
    stream.exceptionHandler(e -> events.add("exception"));
    stream.pause();
    for (int i = 0; i < 5; i++) {
      stream.push(Buffer.buffer(new byte[QUARTER]), false);
    }
    assertThat(input.paused).isTrue();

    stream.discard();
    assertThat(input.paused).isFalse();
    stream.resume();
    stream.push(Buffer.buffer(new byte[QUARTER]), false);
    for (int i = 0; i < 8; i++) {
      stream.push(Buffer.buffer(new byte[QUARTER]), false);
    }
    assertThat(input.pauses).as("what is dropped never fills the queue").isEqualTo(1);
    stream.push(Buffer.buffer("z"), true);

    assertThat(events).as("the consumer's handlers are gone").isEmpty();
    assertThat(stream.received().succeeded()).isTrue();
    assertThat(stream.length()).isEqualTo(14L * QUARTER + 1);
  }

  @Test
  void discardAfterTheLastFragmentCompletes() {
    stream.push(Buffer.buffer("a"), true);
    stream.discard();
    assertThat(stream.received().succeeded()).isTrue();
    stream.fail(new IOException("too late"));
    assertThat(stream.received().succeeded()).isTrue();
  }

  @Test
  void failAfterTheLastFragmentChangesNothing() {
    stream.handler(b -> events.add(b.toString()));
    stream.endHandler(v -> events.add("end"));
    stream.exceptionHandler(e -> events.add("exception"));
    stream.pause();
    stream.push(Buffer.buffer("a"), true);

    stream.fail(new IOException("connection closed"));
    assertThat(events).isEmpty();
    assertThat(stream.received().succeeded()).isTrue();
    // what was received is still delivered, then the end
    stream.resume();
    assertThat(events).containsExactly("a", "end");
  }

  @Test
  void failBeforeTheLastFragmentReachesTheConsumer() {
    IOException cause = new IOException("connection closed");
    List<Throwable> failures = new ArrayList<>();
    stream.handler(b -> events.add(b.toString()));
    stream.endHandler(v -> events.add("end"));
    stream.exceptionHandler(failures::add);
    stream.pause();
    stream.push(Buffer.buffer("a"), false);

    stream.fail(cause);
    assertThat(failures).containsExactly(cause);
    assertThat(stream.received().failed()).isTrue();
    assertThat(stream.received().cause()).isSameAs(cause);

    // later fragments, a second failure and demand are all ignored: no data, no end
    stream.push(Buffer.buffer("b"), true);
    stream.fail(new IOException("again"));
    stream.resume();
    assertThat(events).isEmpty();
    assertThat(failures).hasSize(1);
  }

  @Test
  void failWithoutAnExceptionHandlerStillFailsReceived() {
    stream.push(Buffer.buffer("a"), false);
    stream.fail(new IOException("aborted"));
    assertThat(stream.received().failed()).isTrue();
  }

  @Test
  void aHandlerMayFetchTheNextBufferWithoutRecursing() {
    int[] depth = {0};
    int[] deepest = {0};
    stream.pause();
    stream.handler(b -> {
      depth[0]++;
      deepest[0] = Math.max(deepest[0], depth[0]);
      events.add(b.toString());
      stream.fetch(1); // as a pipe does once its destination has taken the buffer
      depth[0]--;
    });
    stream.endHandler(v -> events.add("end"));
    for (String s : List.of("a", "b", "c")) {
      stream.push(Buffer.buffer(s), false);
    }
    stream.push(Buffer.buffer("d"), true);
    assertThat(events).isEmpty();

    stream.fetch(1);
    assertThat(events).containsExactly("a", "b", "c", "d", "end");
    assertThat(deepest[0]).as("handler nesting").isEqualTo(1);
  }

  @Test
  void aHandlerMayPauseTheStream() {
    stream.handler(b -> {
      events.add(b.toString());
      stream.pause(); // as a pipe does when its destination's queue is full
    });
    stream.endHandler(v -> events.add("end"));
    stream.pause();
    stream.push(Buffer.buffer("a"), false);
    stream.push(Buffer.buffer("b"), true);

    stream.resume();
    assertThat(events).containsExactly("a");
    stream.resume();
    assertThat(events).containsExactly("a", "b", "end");
  }
}
