package dev.rappel.callback.boundary;

import java.util.List;

/** One page of the supervisor's list. */
public record CallbackPage(List<CallbackView> items, long total, int page, int size) {}
