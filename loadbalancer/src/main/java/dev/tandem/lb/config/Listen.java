package dev.tandem.lb.config;

/**
 * Where and with how many event loops the proxy accepts connections.
 *
 * @param host      address to listen on
 * @param port      port to listen on (0 = any free port, for tests)
 * @param ioThreads event loop threads for connections (0 = Netty's default, twice the cores)
 */
public record Listen(String host, int port, int ioThreads) {
    public static final Listen DEFAULTS = new Listen("0.0.0.0", 8080, 0);

    public Listen {
        if (port < 0 || port > 65535) {
            throw new ConfigException("port " + port + " is not in 0..65535");
        }
        if (ioThreads < 0) {
            throw new ConfigException("io threads must be zero (default) or more");
        }
    }

    public Listen withAddress(String newHost, int newPort) {
        return new Listen(newHost, newPort, ioThreads);
    }
}
