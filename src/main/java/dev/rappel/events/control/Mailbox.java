package dev.rappel.events.control;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A bounded queue of items for one reader that may be slow, written out by one task at a time on an
 * executor, so whoever offers never waits for the reader (an engine commit must not wait for a
 * browser). A reader that falls so far behind that the queue is full is let go: the mailbox closes
 * and drops what it held; the reader can catch up another way (an SSE client reconnects with its
 * last event id).
 *
 * @param <T> what is written
 */
public final class Mailbox<T> {
  private final ArrayBlockingQueue<T> items;
  private final Executor executor;
  private final Consumer<T> writer;
  private final Runnable onClose;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean started;

  /**
   * @param writer writes one item; may block; throws when the reader is gone
   * @param onClose runs once when the mailbox closes, on the thread that closes it
   */
  public Mailbox(int capacity, Executor executor, Consumer<T> writer, Runnable onClose) {
    this.items = new ArrayBlockingQueue<>(capacity);
    this.executor = executor;
    this.writer = writer;
    this.onClose = onClose;
  }

  /**
   * Queues the item without waiting; a full queue closes the mailbox.
   *
   * @return whether the item was queued
   */
  public boolean offer(T item) {
    if (closed.get()) {
      return false;
    }
    if (!items.offer(item)) {
      close();
      return false;
    }
    if (started) {
      drainSoon();
    }
    return true;
  }

  /** Items offered so far are held until this (a replay is written first); then they flow. */
  public void start() {
    started = true;
    drainSoon();
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Items waiting to be written. */
  public int backlog() {
    return items.size();
  }

  public void close() {
    if (closed.compareAndSet(false, true)) {
      items.clear();
      onClose.run();
    }
  }

  private void drainSoon() {
    if (!items.isEmpty() && !closed.get() && draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException overloaded) {
        draining.set(false);
        close();
      }
    }
  }

  private void drain() {
    try {
      T item;
      while (!closed.get() && (item = items.poll()) != null) {
        writer.accept(item);
      }
    } catch (RuntimeException readerGone) {
      close();
    } finally {
      draining.set(false);
    }
    // an item offered between the last poll and the reset above would wait for the next offer
    drainSoon();
  }
}
