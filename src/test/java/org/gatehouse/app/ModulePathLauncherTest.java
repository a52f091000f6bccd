package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gatehouse.ui.shell.Screen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaFX on the module path, as {@code ./gatehouse} runs it: the java command line is the
 * launcher's (its JVM options, {@code --module-path} with the JavaFX linux jars and its
 * {@code --add-modules}), the app on the class path. The console of {@code gatehouse demo} (a
 * real kea-dhcp4) opens in a real X server (Xvfb), every screen is opened, and stderr carries no
 * "Unsupported JavaFX configuration" warning and no access error; a CLI command loads no JavaFX.
 */
@Tag("kea")
@Tag("gui")
class ModulePathLauncherTest {
    private static final Path LAUNCHER = Path.of("gatehouse");

    @TempDir
    Path dir;

    @Test
    void theConsoleStartsWithJavaFxOnTheModulePathAndNoWarning() throws Exception {
        // Our own X server (xvfb-run needs xauth, which install-deps does not bring); -displayfd picks a free display.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Run r;
        try {
            String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(display).as("Xvfb's display number").matches("\\d+");
            r = run(":" + display, ConsoleProbe.class.getName(), List.of("demo"), List.of(), 180);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }

        assertThat(r.err).as("stderr of the console").doesNotContain("Unsupported JavaFX configuration")
                .doesNotContain("IllegalAccess").doesNotContain("Exception");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("probe: console shown: Gatehouse — demo — unix:");
        assertThat(r.out).contains("The command line reaches this demo with: ");
        for (Screen s : Screen.values()) {
            assertThat(r.out).as("screen %s", s.title()).contains("probe: opened " + s.title() + "\n");
        }
        assertThat(r.out).contains("probe: closing");
    }

    @Test
    void aCliCommandLoadsNoJavaFxClass() throws Exception {
        Path classLog = dir.resolve("classes.log");
        Run r = run(null, Main.class.getName(), List.of("--version"), List.of("-Xlog:class+load=info:file=" + classLog), 60);

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).startsWith("gatehouse ");
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        assertThat(loaded).as("the class-load log works").anyMatch(l -> l.contains(" org.gatehouse.app.Main "));
        assertThat(loaded).as("JavaFX classes loaded by --version")
                .noneMatch(l -> l.matches(".*\\] (javafx|com\\.sun\\.(javafx|glass|prism))\\..*"));
    }

    private record Run(int exit, String out, String err) {
    }

    /** The launcher's final java command line, with the test's copies of what it names under target/. */
    private Run run(String display, String mainClass, List<String> args, List<String> extraJvm, int seconds)
            throws IOException, InterruptedException {
        String script = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
        assertThat(script).as("the launcher puts target/javafx on the module path")
                .contains("--module-path \"$here/target/javafx\"");
        String modules = group(script, "--add-modules (\\S+)");
        List<String> javaOpts = Arrays.asList(group(script, "java_opts=\\$\\{GATEHOUSE_JAVA_OPTS:-([^}]+)}").split(" "));
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        // target/javafx holds the org.openjfx jars with the linux classifier: the same artifacts.
        String modulePath = classPath.stream().filter(e -> e.contains("/org/openjfx/") && e.endsWith("-linux.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(modulePath).as("the JavaFX linux jars").isNotEmpty();
        String appPath = classPath.stream().filter(e -> !e.contains("/org/openjfx/") && !e.contains("monocle"))
                .collect(Collectors.joining(File.pathSeparator));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(javaOpts);
        cmd.addAll(extraJvm);
        cmd.addAll(List.of("--module-path", modulePath, "--add-modules", modules, "-cp", appPath, mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.equals("DISPLAY"));
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            throw new AssertionError("not finished within " + seconds + " s; stdout:\n" + Files.readString(out.toPath())
                    + "\nstderr:\n" + Files.readString(err.toPath()));
        }
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the launcher has %s", regex).isTrue();
        return m.group(1);
    }
}
