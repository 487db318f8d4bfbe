package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.entity.HistoryEntry;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.SequenceGenerator;
import org.eclipse.persistence.sequencing.NativeSequence;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Project;
import org.eclipse.persistence.sessions.Session;
import org.junit.jupiter.api.Test;

/** History ids come from the pool the bulk writes share, not from a block EclipseLink keeps. */
class PooledSequenceTest {

  @Test
  void the_customizer_replaces_the_history_generator_with_the_pool() throws Exception {
    DatabaseLogin login = new DatabaseLogin();
    // what EclipseLink made of the entity's @SequenceGenerator before customizers run
    login.addSequence(new NativeSequence("callback_event_seq", 100));
    Session session = new Project(login).createDatabaseSession();

    new PooledSequence().customize(session);

    Sequence sequence = session.getLogin().getSequence("callback_event_seq");
    assertThat(sequence).isInstanceOf(PooledSequence.class);
    // one value at a time from the pool, read with the caller's session
    assertThat(sequence.shouldUsePreallocation()).isFalse();
    assertThat(sequence.shouldAcquireValueAfterInsert()).isFalse();
  }

  @Test
  void it_pools_the_sequence_the_history_entry_declares() throws Exception {
    var id = HistoryEntry.class.getDeclaredField("id");
    String generator = id.getAnnotation(GeneratedValue.class).generator();
    SequenceGenerator declared = id.getAnnotation(SequenceGenerator.class);

    // EclipseLink keys the sequence by the database sequence's name, not the generator's
    assertThat(declared.name()).isEqualTo(generator);
    assertThat(PooledSequence.POOLED).containsExactly(declared.sequenceName());
  }
}
