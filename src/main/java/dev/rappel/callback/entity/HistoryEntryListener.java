package dev.rappel.callback.entity;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import java.util.List;

/**
 * Hands each step to what must commit with it and to what announces it: one {@link StepsRecorded},
 * written right after the history row. Observers that announce steps do so only after the commit
 * ({@code TransactionPhase.AFTER_SUCCESS}), so nothing rolled back is ever announced.
 */
public class HistoryEntryListener {
  @PostPersist
  void announce(HistoryEntry entry) {
    CallbackChanged step = CallbackChanged.of(entry);
    Event<Object> events = CDI.current().getBeanManager().getEvent();
    events.select(StepsRecorded.class).fire(new StepsRecorded(List.of(step)));
  }
}
