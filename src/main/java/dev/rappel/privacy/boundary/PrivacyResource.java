package dev.rappel.privacy.boundary;

import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.privacy.boundary.Privacy.Erasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customers' personal data: its erasure on request. */
@Path("privacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "Erasure of a customer's personal data")
public class PrivacyResource {

  @Inject Privacy privacy;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Caller caller;

  /** Body of {@code POST /privacy/erase}. */
  public static class EraseInput {
    @Schema(description = "The customer's number, in international form (+33142685300)")
    public String phoneNumber;
  }

  @POST
  @Path("erase")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      operationId = "erasePersonalData",
      summary =
          "Erase a customer's number and the personal data that goes with it everywhere, now;"
              + " callbacks still under way are canceled")
  public Erasure erase(@NotNull(message = "A JSON body is required.") EraseInput body) {
    return privacy.eraseNumber(phoneNumbers.parse(body.phoneNumber, "phoneNumber"), caller);
  }
}
