/**
 * The fast lane: the hottest requests (counter reads, likes, views) served before Spring
 * Security's chain and MVC.
 */
@NullMarked
package io.headcount.counter.fastlane;

import org.jspecify.annotations.NullMarked;
