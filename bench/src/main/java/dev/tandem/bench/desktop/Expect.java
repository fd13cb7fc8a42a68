package dev.tandem.bench.desktop;

/**
 * What each kind of start must show, given the account as prepared; a start that shows anything else fails
 * the run (a fast start of the wrong screen, or of an empty list, is not the figure asked for). Immutable.
 *
 * @param messages chat messages a welcome (and so the saved copy) holds
 * @param todos    the account's todos
 */
record Expect(int messages, int todos) {

    /** A password start: the sign-in screen first, then the account's state. */
    void signIn(StartRun run) {
        screen(run, "sign-in");
        upToDate(run);
    }

    /** No saved session: the empty sign-in screen. */
    void coldStart(StartRun run) {
        screen(run, "sign-in");
        if (run.first().messages() != 0 || run.first().todos() != 0) {
            fail(run, "an empty sign-in screen", run.first().messages(), run.first().todos());
        }
    }

    /** Signed in when it last quit: the saved copy on the main screen at once, then the server's state. */
    void restore(StartRun run) {
        screen(run, "main");
        if (run.first().messages() != messages || run.first().todos() != todos) {
            fail(run, "the saved copy: " + messages + " messages, " + todos + " todos", run.first().messages(),
                    run.first().todos());
        }
        upToDate(run);
    }

    private void upToDate(StartRun run) {
        if (run.upToDate().messages() != messages || run.upToDate().todos() != todos) {
            throw new IllegalStateException(run.kind() + " start (round " + run.round() + "): up to date with "
                    + run.upToDate().messages() + " messages and " + run.upToDate().todos() + " todos, expected "
                    + messages + " and " + todos + " (did someone else post to this server meanwhile?)");
        }
    }

    private static void screen(StartRun run, String screen) {
        if (!run.first().screen().equals(screen)) {
            throw new IllegalStateException(run.kind() + " start (round " + run.round() + "): first content on the "
                    + run.first().screen() + " screen, expected the " + screen + " screen");
        }
    }

    private static void fail(StartRun run, String expected, int messages, int todos) {
        throw new IllegalStateException(run.kind() + " start (round " + run.round() + "): first content showed "
                + messages + " messages and " + todos + " todos, expected " + expected);
    }
}
