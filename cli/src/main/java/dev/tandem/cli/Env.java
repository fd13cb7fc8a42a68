package dev.tandem.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variable twin of a picocli {@code @Option} field: its value is the option's default, so the
 * flag wins over it and it wins over the annotation's {@code defaultValue}. {@code --help} lists it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Env {
    /** The variable's name, e.g. {@code TANDEM_PORT}. */
    String value();
}
