package dev.rappel.platform.control;

import dev.rappel.platform.entity.IdBlock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids from the sequences of {@link IdSequences} in blocks of {@link IdBlock#SIZE}, one sequence
 * read per block, for rows written with plain JDBC and, through {@link PooledSequence}, for the
 * entities that must share their pool. Blocks taken by different instances never overlap.
 *
 * <p>There is one pool per sequence in the JVM (a static one: EclipseLink, which is not a CDI bean,
 * draws from it too), and it hands ids out in increasing order, in the order they are asked for. On
 * embedded Derby, where one JVM writes the database, a history row's id therefore follows the order
 * in which steps were recorded, which is what an event stream replays by ({@link
 * SqlDialect#historyIdsFollowRecording}).
 */
@ApplicationScoped
public class IdBlocks {
  private static final Map<String, Block> BLOCKS = new ConcurrentHashMap<>();

  @Inject SqlDialect dialect;

  /** Reads the last id of the next block of a sequence (the block is the SIZE ids up to it). */
  @FunctionalInterface
  interface BlockReader {
    long lastOfNextBlock() throws SQLException;
  }

  /** The next id of a sequence, read on the given connection when a new block is needed. */
  public long next(Connection connection, String sequence) throws SQLException {
    dialect.vendor(); // known after the migration; asked again here so the SQL never guesses
    return next(sequence, () -> read(connection, sequence));
  }

  /**
   * The next id of a sequence from this JVM's pool, reading a new block with {@code reader} when
   * the current one is used up. The read happens under the pool's lock, so no id of a later block
   * is handed out before one of an earlier block.
   */
  static long next(String sequence, BlockReader reader) throws SQLException {
    Block block = BLOCKS.computeIfAbsent(sequence, name -> new Block());
    synchronized (block) {
      if (block.next > block.last) {
        long value = reader.lastOfNextBlock();
        block.next = value - IdBlock.SIZE + 1;
        block.last = value;
      }
      return block.next++;
    }
  }

  private long read(Connection connection, String sequence) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(dialect.nextValue(sequence));
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static final class Block {
    long next = 1;
    long last = 0;
  }
}
