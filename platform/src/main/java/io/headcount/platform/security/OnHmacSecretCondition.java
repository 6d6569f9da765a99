package io.headcount.platform.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a shared HS256 secret is configured, by property or by environment
 * variable.
 */
class OnHmacSecretCondition extends SpringBootCondition {

	static final String PROPERTY = "headcount.security.jwt.hmac-secret";

	static final String ENVIRONMENT_VARIABLE = "HEADCOUNT_JWT_SECRET";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))) {
			return ConditionOutcome.match(PROPERTY + " is set");
		}
		if (StringUtils.hasText(context.getEnvironment().getProperty(ENVIRONMENT_VARIABLE))) {
			return ConditionOutcome.match(ENVIRONMENT_VARIABLE + " is set");
		}
		return ConditionOutcome.noMatch("neither " + PROPERTY + " nor " + ENVIRONMENT_VARIABLE + " is set");
	}

}
