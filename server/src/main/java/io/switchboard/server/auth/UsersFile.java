package io.switchboard.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.server.routing.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the {@code auth-users} YAML file (docs/security.md, "Users and authentication", has its schema). Every
 * mistake is an {@link IllegalArgumentException} naming the user and the key: the server does not start with a file
 * it only half understands.
 */
public final class UsersFile {

    /** The lowest bcrypt cost accepted (OWASP's advice). */
    static final int MIN_COST = 10;

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> TOP_KEYS = Set.of("users", "default-permissions");
    private static final Set<String> USER_KEYS =
            Set.of("name", "password", "token-sha256", "certificate-subject", "certificate-san", "permissions");
    private static final Set<String> LIST_KEYS = Set.of("allow", "deny");

    private UsersFile() {}

    public static Users read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("users file " + file + " does not exist or is not a file");
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read users file " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return parse(root, file.toString());
    }

    static Users parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    source + " must hold a mapping with 'users' (and 'default-permissions')");
        }
        unknownKeys(root, TOP_KEYS, "the users file");
        Permissions defaults = root.has("default-permissions")
                ? permissions(root.get("default-permissions"), "default-permissions")
                : Permissions.NONE;
        JsonNode list = root.get("users");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'users' must be a non-empty list of users");
        }
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        Map<Object, String> certificates = new java.util.HashMap<>();
        int index = 0;
        for (JsonNode entry : list) {
            index++;
            User user = user(entry, index, defaults);
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("user '" + user.name() + "' is listed twice");
            }
            if (user.tokenSha256() != null && !tokens.add(HexFormat.of().formatHex(user.tokenSha256()))) {
                throw new IllegalArgumentException("user '" + user.name() + "' has the same token as another user");
            }
            for (Object certificate : certificateNames(user)) {
                String before = certificates.putIfAbsent(certificate, user.name());
                if (before != null && !before.equals(user.name())) {
                    throw new IllegalArgumentException("users '" + before + "' and '" + user.name()
                            + "' map the same certificate " + certificate + ": a certificate stands for one user");
                }
            }
            users.add(user);
        }
        return new Users(users, defaults, source);
    }

    private static User user(JsonNode entry, int index, Permissions defaults) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("users entry " + index + " must be a mapping with name and password");
        }
        JsonNode nameNode = entry.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new IllegalArgumentException("users entry " + index + " needs a name");
        }
        String name = nameNode.asText();
        String who = "user '" + name + "'";
        unknownKeys(entry, USER_KEYS, who);
        boolean hasPassword = entry.has("password");
        boolean hasToken = entry.has("token-sha256");
        List<X500Principal> subjects = strings(entry.get("certificate-subject"), who + ": certificate-subject").stream()
                .map(text -> subject(text, who))
                .toList();
        List<String> sans = strings(entry.get("certificate-san"), who + ": certificate-san").stream()
                .map(text -> san(text, who))
                .toList();
        if (hasPassword && hasToken) {
            throw new IllegalArgumentException(who + " has both password and token-sha256: give at most one");
        }
        if (!hasPassword && !hasToken && subjects.isEmpty() && sans.isEmpty()) {
            throw new IllegalArgumentException(who + " needs a password (a bcrypt hash), a token-sha256, or a "
                    + "certificate-subject / certificate-san");
        }
        Permissions permissions =
                entry.has("permissions") ? permissions(entry.get("permissions"), who + " permissions") : defaults;
        if (hasPassword) {
            return new User(name, bcrypt(entry.get("password"), who), null, subjects, sans, permissions);
        }
        if (!hasToken) {
            return new User(name, null, null, subjects, sans, permissions);
        }
        String hex = entry.get("token-sha256").asText("");
        if (!entry.get("token-sha256").isTextual() || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(who + ": token-sha256 must be 64 hex digits, the SHA-256 of the token "
                    + "(bin/switchboard passwd --token prints it)");
        }
        byte[] token = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        return new User(name, null, token, subjects, sans, permissions);
    }

    private static List<Object> certificateNames(User user) {
        List<Object> names = new ArrayList<>(user.certificateSubjects());
        names.addAll(user.certificateSans());
        return names;
    }

    /** A string or a list of strings; absent is empty. */
    private static List<String> strings(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a string or a non-empty list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ": every entry must be a string, not " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /** RFC 2253 (or 1779) distinguished name; compared later as X500Principal equality (canonical form). */
    private static X500Principal subject(String text, String who) {
        try {
            if (text.isBlank()) {
                throw new IllegalArgumentException("it is empty");
            }
            return new X500Principal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + ": certificate-subject '" + text
                    + "' is not a distinguished name like \"CN=inventory,O=Acme\" (" + e.getMessage() + ")");
        }
    }

    private static String san(String text, String who) {
        try {
            return CertificateNames.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + ": certificate-san " + e.getMessage());
        }
    }

    private static String bcrypt(JsonNode node, String who) {
        String hash = node.isTextual() ? node.asText() : "";
        Matcher m = BCRYPT.matcher(hash);
        if (!m.matches()) {
            // Never echo the value: it may be a real password written in plain text.
            throw new IllegalArgumentException(who + ": password is not a bcrypt hash ($2a$...); plain-text "
                    + "passwords are refused - make a hash with bin/switchboard passwd");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < MIN_COST || cost > 31) {
            throw new IllegalArgumentException(
                    who + ": bcrypt cost " + cost + " is outside " + MIN_COST + ".." + 31 + " (use 10 to 14)");
        }
        return hash;
    }

    static int costOf(String bcryptHash) {
        return Integer.parseInt(bcryptHash.substring(4, 6));
    }

    private static Permissions permissions(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a mapping of permission: {allow, deny}");
        }
        Map<Permission, PermissionList> lists = new EnumMap<>(Permission.class);
        boolean admin = false;
        boolean monitor = false;
        boolean transactions = false;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (key.equals("transactions")) {
                if (!field.getValue().isBoolean()) {
                    throw new IllegalArgumentException(where + ": transactions must be true or false");
                }
                transactions = field.getValue().asBoolean();
                continue;
            }
            if (key.equals("monitor")) {
                if (!field.getValue().isBoolean()) {
                    throw new IllegalArgumentException(where + ": monitor must be true or false");
                }
                monitor = field.getValue().asBoolean();
                continue;
            }
            if (key.equals("admin")) {
                if (!field.getValue().isBoolean()) {
                    throw new IllegalArgumentException(where + ": admin must be true or false");
                }
                admin = field.getValue().asBoolean();
                continue;
            }
            Permission permission = permissionNamed(key);
            if (permission == null) {
                throw new IllegalArgumentException(where + ": unknown permission '" + key + "' (publish, call, "
                        + "subscribe, register, resolve, frontdoor-handle, admin, monitor, transactions)");
            }
            lists.put(permission, list(field.getValue(), where + " " + key));
        }
        return new Permissions(lists, admin, monitor, transactions);
    }

    private static Permission permissionNamed(String key) {
        for (Permission permission : Permission.values()) {
            if (permission.key().equals(key)) {
                return permission;
            }
        }
        return null;
    }

    /** {@code {allow: [...], deny: [...]}}, or a bare list as a shorthand for allow (as NATS). */
    private static PermissionList list(JsonNode node, String where) {
        if (node.isArray() || node.isTextual()) {
            return new PermissionList(patterns(node, where), List.of());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be {allow: [patterns], deny: [patterns]}");
        }
        unknownKeys(node, LIST_KEYS, where);
        List<NamePattern> allow = node.has("allow") ? patterns(node.get("allow"), where + " allow") : List.of();
        List<NamePattern> deny = node.has("deny") ? patterns(node.get("deny"), where + " deny") : List.of();
        return new PermissionList(allow, deny);
    }

    private static List<NamePattern> patterns(JsonNode node, String where) {
        List<NamePattern> patterns = new ArrayList<>();
        if (node.isTextual()) {
            patterns.add(pattern(node.asText(), where));
            return patterns;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of patterns");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ": every pattern must be a string, not " + item);
            }
            patterns.add(pattern(item.asText(), where));
        }
        return patterns;
    }

    private static NamePattern pattern(String text, String where) {
        try {
            return NamePattern.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new IllegalArgumentException(
                        where + ": unknown key '" + field.getKey() + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
