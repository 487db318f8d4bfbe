package dev.rappel.platform.control;

import dev.rappel.platform.entity.IdBlock;
import java.sql.SQLException;
import java.util.Set;
import java.util.Vector;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.queries.ValueReadQuery;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink's side of {@link IdBlocks}: the entities whose sequences are named in {@link #POOLED}
 * take their ids from the JVM's pool that plain JDBC writes draw from, instead of from a block
 * EclipseLink keeps apart. A history entry recorded by EclipseLink (a create, an offer, a call) and
 * one written in bulk by the delivery engine then get ids in the order they were asked for, which
 * an event stream replays by on Derby (see {@link SqlDialect#historyIdsFollowRecording}).
 *
 * <p>It is the persistence unit's session customizer ({@code eclipselink.session.customizer}):
 * EclipseLink runs it after reading the entities' mappings, so it replaces the sequence that the
 * entity's {@code @SequenceGenerator} declared (EclipseLink names it after the database sequence).
 */
public class PooledSequence extends Sequence implements SessionCustomizer {
  /** The database sequences whose ids come from the shared pool. */
  static final Set<String> POOLED = Set.of("callback_event_seq");

  /** The customizer, as EclipseLink creates it. */
  public PooledSequence() {}

  PooledSequence(String databaseSequence) {
    super(databaseSequence);
  }

  @Override
  public void customize(Session session) {
    POOLED.forEach(sequence -> session.getLogin().addSequence(new PooledSequence(sequence)));
  }

  @Override
  public Object getGeneratedValue(
      Accessor accessor, AbstractSession writeSession, String sequenceName) {
    try {
      return IdBlocks.next(getName(), () -> readBlock(writeSession));
    } catch (SQLException e) {
      throw DatabaseException.sqlException(e, writeSession, false);
    }
  }

  private long readBlock(AbstractSession session) {
    ValueReadQuery query =
        session.getPlatform().buildSelectQueryForSequenceObject(getName(), IdBlock.SIZE);
    return ((Number) session.executeQuery(query)).longValue();
  }

  @Override
  public Vector<?> getGeneratedVector(
      Accessor accessor, AbstractSession writeSession, String sequenceName, int size) {
    // never asked: the pool is the preallocation, so EclipseLink asks for one value at a time
    throw new UnsupportedOperationException("ids come one at a time from the pool");
  }

  @Override
  public boolean shouldUsePreallocation() {
    return false;
  }

  @Override
  public boolean shouldAcquireValueAfterInsert() {
    return false;
  }

  @Override
  public boolean shouldUseTransaction() {
    return false;
  }

  @Override
  public void onConnect() {
    // nothing to prepare: blocks are read when needed
  }

  @Override
  public void onDisconnect() {
    // the pool outlives a reconnection: its ids stay unused by anyone else
  }
}
