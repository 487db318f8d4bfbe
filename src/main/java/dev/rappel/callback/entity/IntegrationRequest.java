package dev.rappel.callback.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.queue.entity.Queue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** A callback an integration (web form, IVR, CRM) asked for, already parsed. */
public record IntegrationRequest(
    Queue queue,
    PhoneNumber phoneNumber,
    String customerName,
    Optional<Instant> scheduledAt,
    Optional<ZoneId> customerZone,
    Optional<PhoneNumber> callerId,
    Optional<String> callerIdName,
    Optional<Agent> preferredAgent,
    Map<String, String> data) {}
