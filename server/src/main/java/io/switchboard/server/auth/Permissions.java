package io.switchboard.server.auth;

import io.switchboard.server.routing.Permission;
import java.util.EnumMap;
import java.util.Map;

/** One user's permissions (or the default ones): a {@link PermissionList} per {@link Permission}, and admin. */
public final class Permissions {

    /** No permission at all: what a user without its own gets when there are no default-permissions. */
    public static final Permissions NONE = new Permissions(Map.of(), false);

    private final Map<Permission, PermissionList> lists;
    private final boolean admin;
    /** May read the monitoring port (admin may too). */
    private final boolean monitor;
    /** May recover, commit and roll back every user's prepared XA branches: a transaction manager's recovery user. */
    private final boolean transactions;

    public Permissions(Map<Permission, PermissionList> lists, boolean admin) {
        this(lists, admin, false);
    }

    public Permissions(Map<Permission, PermissionList> lists, boolean admin, boolean monitor) {
        this(lists, admin, monitor, false);
    }

    public Permissions(Map<Permission, PermissionList> lists, boolean admin, boolean monitor, boolean transactions) {
        this.lists = lists.isEmpty() ? Map.of() : new EnumMap<>(lists);
        this.admin = admin;
        this.monitor = monitor;
        this.transactions = transactions;
    }

    public PermissionList list(Permission permission) {
        return lists.getOrDefault(permission, PermissionList.NOTHING);
    }

    public boolean allows(Permission permission, String name) {
        return list(permission).allows(name);
    }

    public boolean admin() {
        return admin;
    }

    /** Whether the user may read the monitoring port's endpoints: the monitor permission, or admin. */
    public boolean monitor() {
        return monitor || admin;
    }

    /**
     * Whether the user may resolve every user's XA branches (XA_RECOVER lists them all; XA_COMMIT and XA_ROLLBACK
     * of any branch): the transactions permission. Without it a user resolves only the branches it submitted in.
     */
    public boolean transactions() {
        return transactions;
    }

    /** The same lists with admin on: what the deprecated admin token adds. */
    Permissions withAdmin() {
        return new Permissions(lists, true, monitor, transactions);
    }

    @Override
    public String toString() {
        return "Permissions" + lists + (admin ? " admin" : "") + (monitor ? " monitor" : "")
                + (transactions ? " transactions" : "");
    }
}
