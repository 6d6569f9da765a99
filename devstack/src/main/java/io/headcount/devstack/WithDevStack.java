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

}
