package io.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.held.SessionPolicies;
import io.switchboard.server.logging.LogSettings;
import io.switchboard.server.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Layers the settings: defaults, then the YAML config file, then environment variables, then command-line
 * flags; later layers win. Remembers where each value came from so an error can say so.
 */
public final class ConfigLoader {

    /** The environment variable naming a config file when --config is not given. */
    public static final String CONFIG_ENV = "SWITCHBOARD_CONFIG";

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    /**
     * One raw value and where it came from. Front doors from the config file arrive parsed already ({@code
     * parsed}), as YAML mappings have no one-string form.
     */
    private record Setting(String raw, String source, Object parsed) {
        Setting(String raw, String source) {
            this(raw, source, null);
        }
    }

    private final Map<ConfigOption, Setting> settings = new EnumMap<>(ConfigOption.class);

    private ConfigLoader() {}

    /**
     * @param configFile the --config flag, or null (then {@value #CONFIG_ENV} is consulted)
     * @param env        the environment (injectable for tests)
     * @param cli        command-line values by option; absent options are not given
     */
    public static LoadedConfig load(Path configFile, Map<String, String> env, Map<ConfigOption, String> cli) {
        ConfigLoader loader = new ConfigLoader();
        for (ConfigOption option : ConfigOption.values()) {
            option.defaultValue().ifPresent(value -> loader.settings.put(option, new Setting(value, "default")));
        }
        Path file = configFile;
        if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            file = Path.of(env.get(CONFIG_ENV));
        }
        if (file != null) {
            loader.readFile(file);
        }
        for (ConfigOption option : ConfigOption.values()) {
            String value = env.get(option.envVar());
            if (value != null) {
                loader.settings.put(option, new Setting(value, "environment variable " + option.envVar()));
            }
        }
        cli.forEach(
                (option, value) -> loader.settings.put(option, new Setting(value, "command line " + option.flag())));
        return loader.build();
    }

    private void readFile(Path file) {
        String source = "config file " + file;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist or is not a file");
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + source + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file changes nothing
        }
        if (!root.isObject()) {
            throw new ConfigException(source + " must hold a mapping of option: value");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            ConfigOption option = ConfigOption.forKey(field.getKey())
                    .orElseThrow(() -> new ConfigException("unknown option '" + field.getKey() + "' in " + source));
            JsonNode value = field.getValue();
            if (option == ConfigOption.SESSION_POLICIES && value.isObject()) {
                // The mapping form (inventory: hold) is the flag form (inventory=hold) written as YAML.
                List<String> entries = new ArrayList<>();
                value.properties()
                        .forEach(
                                e -> entries.add(e.getKey() + "=" + e.getValue().asText()));
                settings.put(option, new Setting(String.join(",", entries), source + " (" + option.key() + ")"));
                continue;
            }
            if (option == ConfigOption.FRONT_DOORS && !value.isNull()) {
                settings.put(option, new Setting("", source, FrontDoorOptions.fromYaml(value, source)));
                continue;
            }
            if (value.isNull()) {
                settings.remove(option);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                settings.put(option, new Setting(String.join(",", items), source + " (" + option.key() + ")"));
            } else if (value.isValueNode()) {
                settings.put(option, new Setting(value.asText(), source + " (" + option.key() + ")"));
            } else {
                throw new ConfigException(
                        "invalid value for " + option.key() + " in " + source + ": expected a single value");
            }
        }
    }

    private LoadedConfig build() {
        ServerConfig.Builder builder = ServerConfig.builder();
        for (Map.Entry<ConfigOption, Setting> entry : settings.entrySet()) {
            ConfigOption option = entry.getKey();
            option.apply(builder, parse(option, entry.getValue()));
        }
        builder.store(storeSettings());
        ServerConfig server;
        try {
            server = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage() + sourcesMentionedIn(e.getMessage()));
        }
        return new LoadedConfig(server, logSettings());
    }

    /** The launcher's logging: level, file, format and syslog. */
    private LogSettings logSettings() {
        String level = (String) parse(ConfigOption.LOG_LEVEL, settings.get(ConfigOption.LOG_LEVEL));
        Setting logFile = settings.get(ConfigOption.LOG_FILE);
        Optional<Path> file =
                Optional.ofNullable(logFile == null ? null : (Path) parse(ConfigOption.LOG_FILE, logFile));
        Setting format = settings.get(ConfigOption.LOG_FORMAT);
        String formatName = format == null ? "text" : String.valueOf(text(ConfigOption.LOG_FORMAT));
        boolean json = switch (formatName.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw invalid(ConfigOption.LOG_FORMAT, format, "expected text or json");
        };
        Optional<LogSettings.SyslogTarget> syslog = Optional.empty();
        String host = text(ConfigOption.LOG_SYSLOG_HOST);
        if (host != null) {
            try {
                syslog = Optional.of(LogSettings.SyslogTarget.parse(host));
            } catch (IllegalArgumentException e) {
                throw invalid(ConfigOption.LOG_SYSLOG_HOST, settings.get(ConfigOption.LOG_SYSLOG_HOST), e.getMessage());
            }
        }
        Setting facility = settings.get(ConfigOption.LOG_SYSLOG_FACILITY);
        String facilityName = facility == null ? "USER" : text(ConfigOption.LOG_SYSLOG_FACILITY);
        if (facilityName == null || !LogSettings.FACILITIES.contains(facilityName.toUpperCase(Locale.ROOT))) {
            throw invalid(
                    ConfigOption.LOG_SYSLOG_FACILITY,
                    facility,
                    "expected a syslog facility: " + String.join(", ", LogSettings.FACILITIES));
        }
        return new LogSettings(level, file, json, syslog, facilityName);
    }

    /**
     * The launcher's store: the SQLite file in data-dir unless store-url names a PostgreSQL database. (The
     * builder's own default, SQLite in memory, is for embedded servers and tests.)
     */
    private StoreSettings storeSettings() {
        String url = text(ConfigOption.STORE_URL);
        String user = text(ConfigOption.STORE_USER);
        String password = text(ConfigOption.STORE_PASSWORD);
        if (url == null) {
            for (ConfigOption credential : List.of(ConfigOption.STORE_USER, ConfigOption.STORE_PASSWORD)) {
                if (text(credential) != null) {
                    throw new ConfigException(credential.key() + " is set (from "
                            + settings.get(credential).source()
                            + ") but store-url is empty: the SQLite store in data-dir takes no credentials");
                }
            }
            Setting dataDir = settings.get(ConfigOption.DATA_DIR);
            Path dir = dataDir == null
                    ? Path.of(ConfigOption.DATA_DIR.defaultValue().orElseThrow())
                    : (Path) parse(ConfigOption.DATA_DIR, dataDir);
            return StoreSettings.sqliteFile(dir);
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw invalid(
                    ConfigOption.STORE_URL,
                    settings.get(ConfigOption.STORE_URL),
                    "expected a jdbc:postgresql://host[:port]/database URL, or empty for SQLite in data-dir");
        }
        return StoreSettings.postgres(url, user, password);
    }

    /** A text option's trimmed value, null when unset or empty. */
    private String text(ConfigOption option) {
        Setting setting = settings.get(option);
        String value = setting == null ? null : (String) parse(option, setting);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Object parse(ConfigOption option, Setting setting) {
        if (setting.parsed() != null) {
            return setting.parsed();
        }
        String raw = setting.raw().trim();
        switch (option.kind()) {
            case FRONT_DOORS:
                // The command line joins repeated flags with newlines (a URL may hold a decoded space there);
                // the environment separates URLs by spaces.
                String separator = setting.source().startsWith("command line") ? "\\n" : "\\s+";
                return FrontDoorOptions.fromUrls(
                        raw.isEmpty()
                                ? List.of()
                                : Arrays.stream(raw.split(separator))
                                        .map(String::trim)
                                        .filter(s -> !s.isEmpty())
                                        .toList(),
                        setting.source());
            case TEXT:
                return raw;
            case BOOLEAN:
                return switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw invalid(option, setting, "expected true or false");
                };
            case SESSION_POLICIES:
                try {
                    return SessionPolicies.parse(raw);
                } catch (IllegalArgumentException e) {
                    throw invalid(option, setting, e.getMessage());
                }
            case USERS:
                if (raw.isEmpty()) {
                    return null; // empty: no authentication
                }
                try {
                    return io.switchboard.server.auth.UsersFile.read(Path.of(raw));
                } catch (IllegalArgumentException e) {
                    throw invalid(option, setting, e.getMessage());
                }
            case LIST:
                return raw.isEmpty() ? List.of() : List.of(raw.split("\\s*,\\s*"));
            case PATH:
                if (raw.isEmpty()) {
                    throw invalid(option, setting, "expected a path");
                }
                try {
                    return Path.of(raw);
                } catch (InvalidPathException e) {
                    // A NUL byte, say: Path.of's own exception would reach the operator as a stack trace.
                    throw invalid(option, setting, "not a usable path: " + e.getReason());
                }
            case LOG_LEVEL:
                String level = raw.toUpperCase(Locale.ROOT);
                if (!LOG_LEVELS.contains(level)) {
                    throw invalid(option, setting, "expected one of TRACE, DEBUG, INFO, WARN, ERROR");
                }
                return level;
            case DURATION:
                long ms = durationMs(option, setting, raw);
                if (ms < option.min()) {
                    throw invalid(option, setting, "must be at least " + option.min() + "ms");
                }
                return ms;
            case NUMBER:
            default:
                long value;
                try {
                    value = Long.parseLong(raw.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw invalid(option, setting, "expected a whole number");
                }
                if (value < option.min()) {
                    throw invalid(option, setting, "must be " + option.min() + " or more");
                }
                // Durations are longs; everything else (ports, sizes, counts) must fit an int.
                if (value > Integer.MAX_VALUE && !option.key().endsWith("-ms")) {
                    throw invalid(option, setting, "is too large");
                }
                return value;
        }
    }

    /** {@code 1500ms}, {@code 3s}, {@code 2m} or a bare number of milliseconds. */
    private static long durationMs(ConfigOption option, Setting setting, String raw) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?").matcher(raw.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(option, setting, "expected a duration such as 3s or 1500ms");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount;
        };
    }

    private static ConfigException invalid(ConfigOption option, Setting setting, String why) {
        return new ConfigException(
                "invalid value '" + setting.raw() + "' for " + option.key() + " from " + setting.source() + ": " + why);
    }

    /** "; min-heartbeat-ms from ..., max-heartbeat-ms from ..." for the options an error message names. */
    private String sourcesMentionedIn(String message) {
        List<String> parts = new ArrayList<>();
        for (ConfigOption option : ConfigOption.values()) {
            Setting setting = settings.get(option);
            if (setting != null && message.matches("(?s).*(?<![a-z-])" + option.key() + "(?![a-z-]).*")) {
                parts.add(option.key() + " from " + setting.source());
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
