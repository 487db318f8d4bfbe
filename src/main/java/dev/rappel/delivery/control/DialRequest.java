package dev.rappel.delivery.control;

/** What the telephony side needs to place one dial attempt. */
public record DialRequest(
    long callbackId,
    int attempt,
    String phoneNumber,
    String callerId,
    String callerIdName,
    long agentId,
    String mode) {}
