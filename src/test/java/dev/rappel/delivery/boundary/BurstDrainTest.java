package dev.rappel.delivery.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link EngineTick#drain}: a burst drained by this thread and, on PostgreSQL, one helper. */
class BurstDrainTest {
  private static final int FULL = 5;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Hands out batches of up to {@link #FULL} from {@code rows}, noting which threads took some. */
  private static IntSupplier batches(AtomicInteger rows, Set<String> threads) {
    return () -> {
      threads.add(Thread.currentThread().getName());
      int taken = Math.min(FULL, Math.max(0, rows.getAndAdd(-FULL)));
      sleepQuietly(1); // a batch takes time, so the helper gets to start
      return taken;
    };
  }

  @Test
  void a_burst_is_drained_by_this_thread_and_the_helper_and_nothing_is_left() {
    AtomicInteger rows = new AtomicInteger(500);
    Set<String> threads = ConcurrentHashMap.newKeySet();

    EngineTick.drain(batches(rows, threads), FULL, Optional.of(pool));

    assertThat(rows.get()).as("rows left").isLessThanOrEqualTo(0);
    assertThat(threads).as("threads that delivered").hasSize(2);
  }

  @Test
  void without_a_helper_this_thread_drains_alone() {
    AtomicInteger rows = new AtomicInteger(100);
    Set<String> threads = ConcurrentHashMap.newKeySet();

    EngineTick.drain(batches(rows, threads), FULL, Optional.empty());

    assertThat(rows.get()).isLessThanOrEqualTo(0);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void a_helper_that_starts_after_the_burst_is_drained_does_nothing() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    AtomicInteger rows = new AtomicInteger(50);
    AtomicInteger calls = new AtomicInteger();
    IntSupplier batch =
        () -> {
          calls.incrementAndGet();
          return Math.min(FULL, Math.max(0, rows.getAndAdd(-FULL)));
        };

    EngineTick.drain(batch, FULL, Optional.of(queued::add)); // a pool that is busy meanwhile
    int afterDrain = calls.get();
    queued.forEach(Runnable::run);

    assertThat(calls.get()).as("batches run by the late helper").isEqualTo(afterDrain);
  }

  @Test
  void a_full_pool_leaves_the_burst_to_this_thread() {
    AtomicInteger rows = new AtomicInteger(50);
    Set<String> threads = ConcurrentHashMap.newKeySet();

    EngineTick.drain(
        batches(rows, threads),
        FULL,
        Optional.of(
            task -> {
              throw new RejectedExecutionException("full");
            }));

    assertThat(rows.get()).isLessThanOrEqualTo(0);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void a_helper_that_fails_fails_the_pass_once_this_thread_is_done() throws Exception {
    CountDownLatch helperFailed = new CountDownLatch(1);
    AtomicInteger rows = new AtomicInteger(1_000);
    String self = Thread.currentThread().getName();
    IntSupplier batch =
        () -> {
          if (!Thread.currentThread().getName().equals(self)) {
            helperFailed.countDown();
            throw new IllegalStateException("database gone");
          }
          // this thread keeps going until the helper has failed, then finds the burst drained
          awaitQuietly(helperFailed);
          return Math.min(FULL, Math.max(0, rows.getAndAdd(-100)));
        };

    assertThatThrownBy(() -> EngineTick.drain(batch, FULL, Optional.of(pool)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database gone");
    assertThat(rows.get()).as("this thread went on draining").isLessThanOrEqualTo(0);
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
