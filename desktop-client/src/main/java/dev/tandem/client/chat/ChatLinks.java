package dev.tandem.client.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the web links in a message: {@code http://} and {@code https://} addresses, and nothing else (no
 * markup, no other schemes, no bare domains). Punctuation that ends a sentence is not part of the link,
 * and neither is a closing bracket the link did not open ("(see https://x.org/a)"). No toolkit.
 */
public final class ChatLinks {
    /** A scheme at a word start, then everything up to white space or a character URLs never hold unescaped. */
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\p{L}\\p{N}])(?i:https?)://[^\\s<>\"`{}|\\\\^\\p{Cntrl}]+");
    private static final String TRAILING = ".,;:!?'*_~";

    private ChatLinks() {
    }

    /** A piece of a message: plain text, or a link whose text is its address. */
    public record Span(String text, boolean link) {
    }

    /** The message cut into plain and link spans, in order; joined, they are the message again. */
    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        int plainFrom = 0;
        while (matcher.find()) {
            String url = trim(matcher.group());
            if (!hasHost(url)) {
                continue;
            }
            int start = matcher.start();
            if (start > plainFrom) {
                spans.add(new Span(text.substring(plainFrom, start), false));
            }
            spans.add(new Span(url, true));
            plainFrom = start + url.length();
        }
        if (plainFrom < text.length()) {
            spans.add(new Span(text.substring(plainFrom), false));
        }
        return spans;
    }

    /** Drops sentence punctuation and unopened closing brackets from the end, one character at a time. */
    private static String trim(String url) {
        String result = url;
        while (!result.isEmpty()) {
            char last = result.charAt(result.length() - 1);
            if (TRAILING.indexOf(last) >= 0) {
                result = result.substring(0, result.length() - 1);
            } else if (last == ')' && count(result, '(') < count(result, ')')
                    || last == ']' && count(result, '[') < count(result, ']')) {
                result = result.substring(0, result.length() - 1);
            } else {
                break;
            }
        }
        return result;
    }

    /** "https://" alone, or followed only by punctuation, is no address. */
    private static boolean hasHost(String url) {
        int hostStart = url.indexOf("://") + 3;
        return hostStart < url.length() && Character.isLetterOrDigit(url.codePointAt(hostStart));
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
