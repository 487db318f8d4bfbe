package dev.rappel.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 written by hand over a socket: the request target goes out byte for byte (no client
 * normalises {@code //api} or {@code ..}), and the socket can be bound to another loopback address
 * (127.0.0.2) so that the server sees a second client.
 */
public final class RawHttp {
  private final int port;
  private final String clientAddress;

  public RawHttp(int port, String clientAddress) {
    this.port = port;
    this.clientAddress = clientAddress;
  }

  /** One answer: status, headers (names in lower case) and body. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    public Optional<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    /** The value of a cookie this answer sets. */
    public Optional<String> cookie(String name) {
      return headers.getOrDefault("set-cookie", List.of()).stream()
          .filter(c -> c.startsWith(name + "="))
          .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
          .findFirst();
    }
  }

  public Reply send(String method, String target, Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    request.append("Connection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(clientAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
      body = unchunked(new java.io.ByteArrayInputStream(body));
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          size.append((char) c);
        }
      }
      String hex = size.toString().split(";")[0].trim();
      if (hex.isEmpty()) {
        return out.toByteArray();
      }
      int length = Integer.parseInt(hex, 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(length));
      in.read(); // \r
      in.read(); // \n
    }
  }

  /**
   * The Cookie header a browser sends for console session {@code session}. Payara's replicated
   * sessions ({@code <distributable/>}) look a session up only with its version cookie too; an old
   * version number is enough (the session is then read from the data grid).
   */
  public static String consoleCookie(String session) {
    return "RAPPEL_SESSION=" + session + "; JSESSIONIDVERSION=2f:0";
  }

  /** Signs in through the console's login form; the session cookie of the signed-in session. */
  public String signInToConsole(String username, String password) {
    Reply form = send("GET", "/login.xhtml", Map.of(), null);
    String cookie = form.cookie("RAPPEL_SESSION").orElseThrow();
    Matcher state =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
            .matcher(form.body());
    if (!state.find()) {
      throw new IllegalStateException("no view state on the login page");
    }
    String fields =
        "login=login&login%3Ausername="
            + encode(username)
            + "&login%3Apassword="
            + encode(password)
            + "&login%3Asignin=&jakarta.faces.ViewState="
            + encode(state.group(1));
    Reply signedIn =
        send(
            "POST",
            "/login.xhtml",
            Map.of(
                "Cookie",
                consoleCookie(cookie),
                "Content-Type",
                "application/x-www-form-urlencoded"),
            fields);
    if (signedIn.status() != 302) {
      throw new IllegalStateException("sign-in answered " + signedIn.status());
    }
    return signedIn.cookie("RAPPEL_SESSION").orElse(cookie);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
