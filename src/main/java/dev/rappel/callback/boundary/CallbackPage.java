package dev.rappel.callback.boundary;

import java.util.List;

/**
 * One page of the supervisor's list. {@code total} is exact when {@code totalExact}; otherwise the
 * list counted up to its limit ({@code rappel.list.count-limit}, 10,000 by default) and there are
 * at least that many.
 */
public record CallbackPage(
    List<CallbackView> items, long total, boolean totalExact, int page, int size) {}
