package dev.tandem.cli;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Default values from the environment twins ({@link Env}) of the options. The environment is injected (a
 * function, {@code System::getenv} in production, a map in tests), so tests never depend on the real one.
 * A blank variable counts as unset; values are stripped.
 */
public final class EnvDefaults implements IDefaultValueProvider {
    private final Function<String, String> env;

    public EnvDefaults(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return twin(arg).map(env).filter(v -> !v.isBlank()).map(String::strip).orElse(null);
    }

    /** The option's environment variable, if it has one. */
    public static Optional<String> twin(ArgSpec arg) {
        // For an annotated field, picocli keeps the Field itself as the spec's user object.
        if (arg.userObject() instanceof Field field && field.isAnnotationPresent(Env.class)) {
            return Optional.of(field.getAnnotation(Env.class).value());
        }
        return Optional.empty();
    }
}
