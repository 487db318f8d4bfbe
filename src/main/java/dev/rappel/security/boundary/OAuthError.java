package dev.rappel.security.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An error of the token endpoint as RFC 6749 §5.2 defines it. */
@Schema(name = "OAuthError", description = "RFC 6749 §5.2 error")
public record OAuthError(
    @Schema(
            description =
                "invalid_request, invalid_client, unsupported_grant_type, invalid_scope,"
                    + " temporarily_unavailable or server_error")
        String error,
    @JsonbNillable(false) String error_description) {}
