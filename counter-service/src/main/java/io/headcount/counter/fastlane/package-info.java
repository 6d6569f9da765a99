/** The fast lane: the hottest requests (counter reads, likes, views) served before Spring Security's chain and MVC. */
package io.headcount.counter.fastlane;
