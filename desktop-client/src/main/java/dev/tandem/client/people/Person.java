package dev.tandem.client.people;

/**
 * One line of the people list: someone online, and whether it is the signed-in user.
 *
 * @param name the user name
 * @param me   true for the signed-in user (shown first, marked "(you)", no DM with oneself)
 */
public record Person(String name, boolean me) {

    /** What the list shows: the name, and "(you)" after one's own. */
    public String label() {
        return me ? name + " (you)" : name;
    }
}
