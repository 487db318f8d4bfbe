package dev.rappel.events.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Integer> written = new CopyOnWriteArrayList<>();
  private final AtomicInteger closes = new AtomicInteger();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void items_are_written_in_order_off_the_offering_thread() {
    List<String> threads = new CopyOnWriteArrayList<>();
    Mailbox<Integer> mailbox =
        new Mailbox<>(
            100,
            executor,
            i -> {
              threads.add(Thread.currentThread().getName());
              written.add(i);
            },
            closes::incrementAndGet);
    mailbox.start();
    for (int i = 0; i < 50; i++) {
      assertThat(mailbox.offer(i)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 50);
    assertThat(written).isSorted();
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
    assertThat(closes).hasValue(0);
  }

  @Test
  void a_reader_that_stops_reading_never_holds_up_the_offering_thread_and_is_let_go()
      throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    Mailbox<Integer> mailbox =
        new Mailbox<>(
            10,
            executor,
            i -> {
              written.add(i);
              try {
                stuck.await(); // a client whose TCP window is full
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            closes::incrementAndGet);
    mailbox.start();
    long started = System.nanoTime();
    int queued = 0;
    for (int i = 0; i < 1000; i++) {
      if (mailbox.offer(i)) {
        queued++;
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(queued).isLessThanOrEqualTo(11); // one being written, ten buffered
    assertThat(mailbox.isClosed()).isTrue();
    assertThat(closes).hasValue(1);
    assertThat(mailbox.backlog()).isZero();
    stuck.countDown();
    executor.shutdown();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(written.size()).isLessThanOrEqualTo(1);
  }

  @Test
  void a_failed_write_closes_the_mailbox_once() {
    Mailbox<Integer> mailbox =
        new Mailbox<>(
            10,
            executor,
            i -> {
              throw new IllegalStateException("client gone");
            },
            closes::incrementAndGet);
    mailbox.start();
    mailbox.offer(1);
    await().atMost(Duration.ofSeconds(5)).until(mailbox::isClosed);
    assertThat(mailbox.offer(2)).isFalse();
    mailbox.close();
    assertThat(closes).hasValue(1);
  }

  @Test
  void items_offered_before_the_start_wait_for_it() {
    Mailbox<Integer> mailbox = new Mailbox<>(10, executor, written::add, closes::incrementAndGet);
    mailbox.offer(1);
    mailbox.offer(2);
    assertThat(written).isEmpty();
    mailbox.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> written.equals(List.of(1, 2)));
  }
}
