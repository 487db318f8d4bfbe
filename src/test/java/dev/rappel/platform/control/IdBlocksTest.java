package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.platform.entity.IdBlock;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JVM's id pool: what both plain JDBC writes and EclipseLink's history ids draw from. */
class IdBlocksTest {

  /** A database sequence that steps by a block, and counts its reads. */
  private static final class FakeSequence {
    private final AtomicLong value = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    long lastOfNextBlock() {
      reads.incrementAndGet();
      return value.addAndGet(IdBlock.SIZE);
    }
  }

  private static String uniqueSequence() {
    // the pool is the JVM's: each test takes a sequence of its own
    return "test_seq_" + System.nanoTime();
  }

  @Test
  void ids_come_out_in_the_order_they_are_asked_for_one_read_per_block() throws SQLException {
    String sequence = uniqueSequence();
    FakeSequence database = new FakeSequence();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < IdBlock.SIZE * 3 + 7; i++) {
      ids.add(IdBlocks.next(sequence, database::lastOfNextBlock));
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo(1);
    assertThat(ids.get(ids.size() - 1)).isEqualTo(IdBlock.SIZE * 3 + 7);
    assertThat(database.reads).hasValue(4);
  }

  @Test
  void a_block_another_instance_took_is_skipped_whole() throws SQLException {
    String sequence = uniqueSequence();
    FakeSequence database = new FakeSequence();
    long first = IdBlocks.next(sequence, database::lastOfNextBlock);
    database.lastOfNextBlock(); // another instance takes the next block meanwhile
    for (int i = 1; i < IdBlock.SIZE; i++) {
      IdBlocks.next(sequence, database::lastOfNextBlock);
    }
    long afterBlock = IdBlocks.next(sequence, database::lastOfNextBlock);
    assertThat(first).isEqualTo(1);
    assertThat(afterBlock).isEqualTo(2L * IdBlock.SIZE + 1);
  }

  @Test
  void concurrent_callers_get_distinct_ids_each_in_increasing_order() throws Exception {
    String sequence = uniqueSequence();
    FakeSequence database = new FakeSequence();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    Set<Long> all = ConcurrentHashMap.newKeySet();
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            threads.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < 1_000; i++) {
                    mine.add(IdBlocks.next(sequence, database::lastOfNextBlock));
                  }
                  return mine;
                }));
      }
      for (Future<List<Long>> result : results) {
        List<Long> mine = result.get();
        assertThat(mine).isSorted();
        all.addAll(mine);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(all).hasSize(4_000);
    assertThat(database.reads).hasValue(4_000 / IdBlock.SIZE);
  }
}
