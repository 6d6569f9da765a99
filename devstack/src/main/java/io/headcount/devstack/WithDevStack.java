package io.headcount.devstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's application context at the {@link DevStack#shared() shared
 * devstack}: its {@link DevStack#springProperties()} become the highest-precedence
 * property source. Works on the test class, a superclass, an enclosing class, or as a
 * meta-annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithDevStack {

	/**
	 * A stack of the test class's own instead of the shared one, for a test that breaks
	 * its stack (stops the broker for a minute) and so can run beside the other classes,
	 * with {@code @Execution(CONCURRENT)}, instead of after them. It starts with the
	 * class's context, is a bean of it ({@code @Autowired DevStack}) and stops when the
	 * context closes, after every other bean. Costs a stack start (about ten seconds) and
	 * a context of its own.
	 * @return whether the class gets a stack of its own
	 */
	boolean own() default false;

}
