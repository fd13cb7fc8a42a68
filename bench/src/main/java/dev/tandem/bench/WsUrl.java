package dev.tandem.bench;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts --url: a ws:// or wss:// URL with a host (picocli names the flag in the message). Stateless. */
final class WsUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("not a URL: " + value);
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new TypeConversionException("must be ws://host:port/... or wss://..., got " + value);
        }
        return uri;
    }
}
