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
 * Ids for rows written with plain JDBC into tables whose entities take their ids from a sequence
 * ({@link IdSequences}): blocks of {@link IdBlock#SIZE} ids, one sequence read per block, as
 * EclipseLink takes them for the entities, so these blocks and EclipseLink's, on every instance,
 * never overlap.
 */
@ApplicationScoped
public class IdBlocks {
  @Inject SqlDialect dialect;

  private final Map<String, Block> blocks = new ConcurrentHashMap<>();

  /** The next id of a sequence, read on the given connection when a new block is needed. */
  public long next(Connection connection, String sequence) throws SQLException {
    Block block = blocks.computeIfAbsent(sequence, name -> new Block());
    synchronized (block) {
      if (block.next > block.last) {
        long value = read(connection, sequence);
        block.next = value - IdBlock.SIZE + 1;
        block.last = value;
      }
      return block.next++;
    }
  }

  private long read(Connection connection, String sequence) throws SQLException {
    dialect.vendor(); // known after the migration; asked again here so the SQL never guesses
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
