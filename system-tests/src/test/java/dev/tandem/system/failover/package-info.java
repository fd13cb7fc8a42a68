/**
 * Failover with real processes killed by SIGKILL (issue 10, "Nothing lost"): app servers run as
 * {@code java -jar tandem-server.jar} and the proxy in this JVM ({@link dev.tandem.system.failover.ServerKillIT}) or as
 * {@code java -jar tandem-lb.jar} ({@link dev.tandem.system.failover.ProxyKillIT}), all set up once per class by
 * {@link dev.tandem.system.failover.FailoverRig}. Clients ({@link dev.tandem.system.failover.Window},
 * {@link dev.tandem.system.failover.TodoWriter}, {@link dev.tandem.system.failover.ChatStream}) keep the books of what
 * was acknowledged, so each test can count acknowledged against present: 0 lost, 0 twice. Process output goes to
 * {@code system-tests/target/failover-logs/<class>-<run>/}.
 * <p>Run alone: {@code ./mvnw -pl system-tests -am verify -Dit.test='dev.tandem.system.failover.*IT' -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
package dev.tandem.system.failover;
