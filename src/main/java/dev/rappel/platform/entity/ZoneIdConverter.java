package dev.rappel.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.ZoneId;

/** Stores time zones as IANA ids. */
@Converter(autoApply = true)
public class ZoneIdConverter implements AttributeConverter<ZoneId, String> {
  @Override
  public String convertToDatabaseColumn(ZoneId zone) {
    return zone == null ? null : zone.getId();
  }

  @Override
  public ZoneId convertToEntityAttribute(String id) {
    return id == null ? null : ZoneId.of(id);
  }
}
