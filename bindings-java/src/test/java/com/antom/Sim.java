package com.antom;

import com.antom.internal.Json;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real `antom sim` process on loopback, and the repository's shared test files. */
final class Sim implements AutoCloseable {
    static final Path ROOT = Paths.get(System.getProperty("antom.root", "..")).toAbsolutePath().normalize();
    static final Path VECTORS = ROOT.resolve("tests/vectors");

    final Map<String, Object> info;
    private final Process proc;
    private final Path dir;

    Sim(String... extra) throws IOException {
        String bin = System.getenv("ANTOM_BIN") != null ? System.getenv("ANTOM_BIN") : ROOT.resolve("target/debug/antom").toString();
        dir = Files.createTempDirectory("antom-java-");
        List<String> cmd = new ArrayList<String>(Arrays.asList(bin, "sim", "--time-scale", "0.0005", "--slow-ms", "1500", "--state-dir", dir.toString()));
        cmd.addAll(Arrays.asList(extra));
        proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
        String line = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("the simulator did not start");
        }
        info = Json.parseObject(line);
    }

    String get(String key) {
        return (String) info.get(key);
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static String vector(String name) {
        return read(VECTORS.resolve(name));
    }

    AntomClient.Builder builder() {
        return AntomClient.builder().clientId(get("client_id")).privateKey(read(Paths.get(get("merchant_private_key_file"))))
                .antomPublicKey(read(Paths.get(get("antom_public_key_file")))).gatewayUrl(get("url"));
    }

    AntomClient client() {
        return builder().build();
    }

    /** POSTs JSON to the simulator's control API. */
    Map<String, Object> post(String path, Object json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(get("url") + path).openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(json == null ? new byte[0] : Json.write(json).getBytes(StandardCharsets.UTF_8));
        }
        return Json.parseObject(body(c));
    }

    Map<String, Object> getJson(String path) throws IOException {
        return Json.parseObject(body((HttpURLConnection) new URL(get("url") + path).openConnection()));
    }

    static String body(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            b.write(buf, 0, n);
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        proc.destroy();
        try {
            proc.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The simulator's key files (private ones among them) go with it.
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        Files.deleteIfExists(dir);
    }
}
