package dev.multivendor.coreinfra;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stderr that drops jsii's "!! Node ... end-of-life !!" banner (and blank lines) and the NullPointerException
 * its stderr reader thread sometimes reports while the node child stops; everything else passes.
 */
final class JsiiNoiseFilter extends PrintStream {

    JsiiNoiseFilter(PrintStream target) {
        super(new LineFilter(target), true, StandardCharsets.UTF_8);
    }

    /** jsii 1.94's stderr reader sometimes trips over the node child's last, empty message when it stops. */
    private static final String SHUTDOWN_RACE =
            "Unexpected error in background thread \"software.amazon.jsii.JsiiRuntime.ErrorStreamSink\": "
                    + "java.lang.NullPointerException";

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!text.isBlank() && !text.startsWith("!!") && !text.startsWith(SHUTDOWN_RACE)) {
                target.println(text);
            }
        }
    }
}
