package dev.rappel.callback.entity;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;

/**
 * Announces each recorded step inside its transaction; observers that publish it do so only after
 * the commit ({@code TransactionPhase.AFTER_SUCCESS}), so nothing rolled back is ever announced.
 */
public class HistoryEntryListener {
  @PostPersist
  void announce(HistoryEntry entry) {
    CDI.current()
        .getBeanManager()
        .getEvent()
        .select(CallbackChanged.class)
        .fire(CallbackChanged.of(entry));
  }
}
