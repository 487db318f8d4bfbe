package dev.rappel.events.entity;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step another instance of the cluster committed, fired here for this instance's desks and
 * streams. Observers without a qualifier get it like a local one; whatever must act only on its own
 * steps observes {@code @Default}.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Relayed {}
