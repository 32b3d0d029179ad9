package io.switchboard.server.transactions;

/**
 * The bounds of the resource manager (docs/transactions.md, "Limits"), each a server option.
 *
 * @param callsPerBranch          {@code max-calls-per-branch}: calls one branch holds
 * @param branchesPerConnection   {@code max-branches-per-connection}: unprepared branches one connection opened
 * @param preparedBranches        {@code max-prepared-branches}: prepared branches the server keeps
 */
public record XaLimits(int callsPerBranch, int branchesPerConnection, int preparedBranches) {

    public XaLimits {
        if (callsPerBranch < 1 || branchesPerConnection < 1 || preparedBranches < 1) {
            throw new IllegalArgumentException("XA limits must be at least 1");
        }
    }
}
