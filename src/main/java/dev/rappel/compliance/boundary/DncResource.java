package dev.rappel.compliance.boundary;

import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.platform.entity.Scope;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's do-not-call list. */
@Path("dnc")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Scope.CALLBACKS_MANAGE_NAME})
@Tag(
    name = "Compliance",
    description = "Do-not-call list and the evidence of the contact rules checked for a callback")
public class DncResource {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;

  @Inject DoNotCall dnc;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "addDoNotCall",
      summary = "Put a number on the do-not-call list",
      description =
          "The number is stored in E.164 (national forms use rappel.phone.default-region). A listed"
              + " number cannot be booked, and callbacks already booked for it are canceled"
              + " before their next dial.")
  @APIResponse(
      responseCode = "201",
      description = "Listed; Location names the entry",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = DncView.class)))
  @APIResponse(responseCode = "409", description = "The number is already listed")
  public Response add(@NotNull(message = "A JSON body is required.") DncView.Input in) {
    Violations violations = new Violations();
    Optional<Instant> expires =
        violations.checkOptional(() -> Inputs.instant(in.expiresAt, "expiresAt"));
    violations.throwIfAny();
    var entry = dnc.add(in.phoneNumber, Optional.ofNullable(in.reason), expires, caller);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(entry.phoneNumber()).build())
        .entity(DncView.of(entry))
        .build();
  }

  @GET
  @Operation(
      operationId = "listDoNotCall",
      summary = "The do-not-call list, by number, paged; or one number's entry")
  public DncView.Page list(
      @Parameter(description = "Only this number's entry (any written form)")
          @QueryParam("phoneNumber")
          String phoneNumber,
      @Parameter(description = "Page number, from 0") @QueryParam("page") String page,
      @Parameter(description = "Page size, 1 to 500 (default 50)") @QueryParam("size")
          String size) {
    Violations violations = new Violations();
    Integer pageNumber = violations.check(() -> Inputs.intInRange(page, 0, 0, 1_000_000, "page"));
    Integer pageSize =
        violations.check(
            () -> Inputs.intInRange(size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size"));
    violations.throwIfAny();
    var result =
        dnc.list(Optional.ofNullable(phoneNumber).filter(n -> !n.isBlank()), pageNumber, pageSize);
    return new DncView.Page(
        result.items().stream().map(DncView::of).toList(), result.total(), pageNumber, pageSize);
  }

  @DELETE
  @Path("{phoneNumber}")
  @Operation(operationId = "removeDoNotCall", summary = "Take a number off the do-not-call list")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "The number is not listed")
  public Response remove(@PathParam("phoneNumber") String phoneNumber) {
    dnc.remove(phoneNumber, caller);
    return Response.noContent().build();
  }

  @POST
  @Path("import")
  @Consumes("text/csv")
  @Operation(
      operationId = "importDoNotCall",
      summary = "Import numbers from CSV",
      description =
          "One number per line: phoneNumber[,reason[,expiresAt]]; a first line naming phoneNumber"
              + " is a header. Each line is reported as IMPORTED, DUPLICATE (already listed, or"
              + " earlier in the file) or INVALID (with why and its line number).")
  @RequestBody(
      required = true,
      content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "200",
      description = "What became of each line",
      content = @Content(schema = @Schema(implementation = DoNotCall.ImportReport.class)))
  public DoNotCall.ImportReport importCsv(String csv) {
    return dnc.importCsv(csv, caller);
  }
}
