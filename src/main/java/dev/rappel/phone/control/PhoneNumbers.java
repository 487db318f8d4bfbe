package dev.rappel.phone.control;

import dev.rappel.phone.entity.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parses numbers with the deployment's default region ({@code rappel.phone.default-region}, e.g.
 * {@code FR}), so numbers written in national form are accepted; without it only international form
 * is.
 */
@ApplicationScoped
public class PhoneNumbers {

  @Inject
  @ConfigProperty(name = "rappel.phone.default-region")
  Optional<String> defaultRegion;

  public PhoneNumber parse(String raw, String field) {
    return PhoneNumber.parse(raw, defaultRegion, field);
  }

  public Optional<PhoneNumber> parseOptional(String raw, String field) {
    return PhoneNumber.parseOptional(raw, defaultRegion, field);
  }
}
