package dev.rappel.security.boundary;

import dev.rappel.platform.entity.Role;
import dev.rappel.security.control.TokenCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.stream.Collectors;

/** Users and tokens from the application's own database. Groups are the roles. */
@ApplicationScoped
public class RappelIdentityStore implements IdentityStore {

  @Inject Logins logins;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    Optional<Logins.Identity> identity = Optional.empty();
    if (credential instanceof UsernamePasswordCredential password) {
      identity = logins.withPassword(password.getCaller(), password.getPasswordAsString());
    } else if (credential instanceof TokenCredential token) {
      identity = logins.withToken(token.token());
    } else {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return identity
        .map(
            i ->
                new CredentialValidationResult(
                    i.name(), i.roles().stream().map(Role::name).collect(Collectors.toSet())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
