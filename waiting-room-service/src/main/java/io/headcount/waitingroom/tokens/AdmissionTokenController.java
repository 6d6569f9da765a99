package io.headcount.waitingroom.tokens;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public side of admission tokens: the verification keys, and a verify call for
 * webshops without a JWT library. Both are open to anyone (a token proves itself).
 */
@RestController
class AdmissionTokenController {

	static final String JWKS = "/.well-known/jwks.json";

	static final String VERIFY = "/v1/admission-tokens/verify";

	private final AdmissionTokens tokens;

	AdmissionTokenController(AdmissionTokens tokens) {
		this.tokens = tokens;
	}

	/** Every configured key's public half (old and new during a rotation). */
	@GetMapping(path = JWKS, produces = "application/jwk-set+json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.tokens.publicJwks());
	}

	/**
	 * Whether a token is a valid, unexpired admission token (for {@code roomId}, when
	 * given): 200 either way, with {@code valid} and, when valid, what it says.
	 */
	@PostMapping(path = VERIFY, produces = "application/json")
	Verification verify(@RequestBody @Valid VerifyRequest request) {
		try {
			AdmissionToken token = this.tokens.verify(request.token());
			if (request.roomId() != null && !request.roomId().equals(token.roomId())) {
				return Verification.invalid("for another room");
			}
			return new Verification(true, null, token.roomId(), token.userId(), token.expiresAt());
		}
		catch (InvalidAdmissionToken ex) {
			return Verification.invalid(ex.getMessage());
		}
	}

	/**
	 * @param token the compact JWT the webshop received
	 * @param roomId the room the webshop sells, if it wants that checked too
	 */
	record VerifyRequest(@NotBlank @Size(max = 4096) String token,
			@Nullable @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}") String roomId) {
	}

	/**
	 * @param reason why not, when not valid
	 */
	record Verification(boolean valid, @Nullable String reason, @Nullable String roomId, @Nullable String userId,
			@Nullable Instant expiresAt) {

		static Verification invalid(@Nullable String reason) {
			return new Verification(false, reason, null, null, null);
		}

	}

}
