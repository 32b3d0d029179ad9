package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    private static String print(Table table) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        table.print(writer);
        writer.flush();
        return out.toString();
    }

    @Test
    void padsColumnsAndRightAlignsNumbers() {
        Table table =
                new Table("ALIAS", "CALLS", "P50").row("calc", 12, "1.20 ms").row("greeter-long", 3, null);
        assertThat(print(table))
                .isEqualTo("ALIAS         CALLS      P50\n"
                        + "calc             12  1.20 ms\n"
                        + "greeter-long      3        -\n");
    }

    @Test
    void keyValueTablesHaveNoHeaderLine() {
        Table table = new Table("", "").row("health", "ok").row("connections", 3);
        assertThat(print(table)).isEqualTo("health       ok\nconnections  3\n");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
