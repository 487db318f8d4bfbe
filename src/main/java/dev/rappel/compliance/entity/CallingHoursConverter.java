package dev.rappel.compliance.entity;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Stores calling hours as the JSON of the API ({@code {"days": {...}, "closedDates": [...]}}). */
@Converter
public class CallingHoursConverter implements AttributeConverter<CallingHours, String> {

  @Override
  public String convertToDatabaseColumn(CallingHours hours) {
    return hours == null ? null : toJson(hours).toString();
  }

  @Override
  public CallingHours convertToEntityAttribute(String json) {
    return json == null || json.isBlank() ? null : fromJson(json);
  }

  public static JsonObject toJson(CallingHours hours) {
    JsonObjectBuilder days = Json.createObjectBuilder();
    hours
        .days()
        .forEach(
            (day, intervals) -> {
              JsonArrayBuilder list = Json.createArrayBuilder();
              intervals.forEach(
                  i ->
                      list.add(
                          Json.createObjectBuilder()
                              .add("from", i.from().toString())
                              .add("to", i.to().toString())));
              days.add(day.name(), list);
            });
    JsonArrayBuilder closed = Json.createArrayBuilder();
    hours.closedDates().forEach(d -> closed.add(d.toString()));
    return Json.createObjectBuilder().add("days", days).add("closedDates", closed).build();
  }

  static CallingHours fromJson(String json) {
    JsonObject object = Json.createReader(new StringReader(json)).readObject();
    Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
    object
        .getJsonObject("days")
        .forEach(
            (day, intervals) -> {
              List<Interval> list = new ArrayList<>();
              for (JsonValue value : intervals.asJsonArray()) {
                JsonObject i = value.asJsonObject();
                list.add(
                    new Interval(
                        LocalTime.parse(i.getString("from")), LocalTime.parse(i.getString("to"))));
              }
              days.put(DayOfWeek.valueOf(day), list);
            });
    List<LocalDate> closed = new ArrayList<>();
    if (object.containsKey("closedDates")) {
      object
          .getJsonArray("closedDates")
          .forEach(d -> closed.add(LocalDate.parse(((jakarta.json.JsonString) d).getString())));
    }
    return new CallingHours(days, closed);
  }
}
