package dev.rappel.callback.entity;

import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.queue.entity.Queue;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What an agent asked for when scheduling the callback of an interaction, already parsed; every
 * part is optional and defaults by the product's rules.
 */
public record AgentScheduleRequest(
    Optional<LocalDate> date,
    Optional<LocalTime> time,
    Optional<ZoneId> customerZone,
    Optional<PhoneNumber> phoneNumber,
    Optional<Queue> queue,
    boolean routeToMe,
    boolean takeOwnership,
    Optional<String> notes) {}
