package io.headcount.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * What a service looks like to the platform: an application that only adds the
 * dependency.
 */
@SpringBootApplication
public class PlatformTestApplication {

}
