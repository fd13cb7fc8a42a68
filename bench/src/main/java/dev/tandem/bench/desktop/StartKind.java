package dev.tandem.bench.desktop;

/** The kinds of start the desktop scenario times, in the order of a round. */
public enum StartKind {
    version("java -jar tandem-desktop.jar --version: the JVM and the fat jar without the toolkit, to its exit"),
    cold("no saved session (fresh settings and data directory): the sign-in screen"),
    restore("signed in when it last quit: the saved copy on the main screen, then the resumed session"),
    signin("fresh settings and data, user and password given: the sign-in screen, then a password sign-in"),
    prime("the first start of the account (password sign-in) that leaves the saved session and copy");

    private final String meaning;

    StartKind(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
