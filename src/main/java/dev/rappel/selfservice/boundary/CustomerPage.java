package dev.rappel.selfservice.boundary;

import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.RefusedTime;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.selfservice.control.RateLimits;
import dev.rappel.selfservice.entity.LinkToken;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The customer's page, {@code /c/{token}}, without sign-in: plain HTML and forms (POST, then a
 * redirect to GET), no script, in English or French as the browser asks. Every token that opens
 * nothing gets the same neutral page; requests are rate-limited per token and per address. Nothing
 * here logs: the token is in the path, and the path must stay out of every log.
 */
@WebServlet(urlPatterns = "/c/*")
public class CustomerPage extends HttpServlet {
  static final String CANCELED = "canceled";
  private static final String BUNDLE = "dev.rappel.selfservice.boundary.CustomerPage";
  private static final List<String> LANGUAGES = List.of("en", "fr");

  @Inject SelfService selfService;

  @Inject RateLimits limits;

  @Inject
  @ConfigProperty(name = "rappel.selfservice.company-name", defaultValue = "Rappel")
  String company;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Texts texts = texts(request);
    String segment = segment(request);
    if (limited(segment, request, response, texts)) {
      return;
    }
    if (CANCELED.equals(segment)) {
      page(response, 200, texts, texts.get("done.canceled"), notice(texts.get("done.canceled")));
      return;
    }
    Optional<LinkToken> token = LinkToken.parse(segment);
    try {
      Optional<SelfService.CustomerCallback> callback = token.flatMap(selfService::view);
      if (callback.isEmpty()) {
        neutral(response, texts);
        return;
      }
      page(
          response,
          200,
          texts,
          texts.get("title", company),
          body(request, token.get(), callback.get(), texts));
    } catch (RuntimeException e) {
      page(response, 500, texts, texts.get("error.retry"), notice(texts.get("error.retry")));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Texts texts = texts(request);
    String segment = segment(request);
    if (limited(segment, request, response, texts)) {
      return;
    }
    Optional<LinkToken> token = LinkToken.parse(segment);
    if (token.isEmpty()) {
      neutral(response, texts);
      return;
    }
    String self = request.getContextPath() + "/c/" + token.get().value();
    String action = Optional.ofNullable(request.getParameter("action")).orElse("");
    try {
      switch (action) {
        case "cancel" -> {
          if (!selfService.cancel(token.get())) {
            neutral(response, texts);
            return;
          }
          response.sendRedirect(request.getContextPath() + "/c/" + CANCELED);
        }
        case "reschedule" -> {
          Instant at = Instant.parse(Optional.ofNullable(request.getParameter("at")).orElse(""));
          if (!selfService.reschedule(token.get(), at)) {
            neutral(response, texts);
            return;
          }
          response.sendRedirect(self + "?done=moved");
        }
        default -> response.sendRedirect(self);
      }
    } catch (DateTimeParseException e) {
      response.sendRedirect(self + "?error=rule");
    } catch (RuntimeException e) {
      response.sendRedirect(self + "?error=" + errorOf(e));
    }
  }

  /** The customer's words for why a change was refused. */
  private static String errorOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedTime) {
        return "full";
      }
      if (t instanceof RuleViolation) {
        return "rule";
      }
      if (t instanceof Conflict) {
        return "changed";
      }
    }
    return "retry";
  }

  private String body(
      HttpServletRequest request,
      LinkToken token,
      SelfService.CustomerCallback callback,
      Texts texts) {
    ZoneId zone = callback.time().zone();
    Locale locale = texts.locale();
    DateTimeFormatter dayFormat = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
    DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("HH:mm", locale);
    var local = callback.time().instant().atZone(zone);
    String self = request.getContextPath() + "/c/" + token.value();
    StringBuilder html = new StringBuilder();
    html.append("<h1>").append(esc(texts.get("heading", company))).append("</h1>");
    String done = request.getParameter("done");
    String error = request.getParameter("error");
    if ("moved".equals(done)) {
      html.append(notice(texts.get("done.moved")));
    } else if (error != null && List.of("full", "rule", "changed", "retry").contains(error)) {
      html.append("<p class=\"error\" role=\"alert\">")
          .append(esc(texts.get("error." + error)))
          .append("</p>");
    }
    html.append("<dl><dt>")
        .append(esc(texts.get("when")))
        .append("</dt><dd id=\"when\">")
        .append(esc(texts.get("when.value", local.format(dayFormat), local.format(timeFormat))))
        .append("<br><span class=\"hint\">")
        .append(esc(texts.get("zone", zone.getId())))
        .append("</span></dd><dt>")
        .append(esc(texts.get("state")))
        .append("</dt><dd id=\"state\">")
        .append(esc(stateText(callback.state(), texts)))
        .append("</dd></dl>");
    if (!callback.changeable()) {
      html.append("<p>").append(esc(texts.get("locked"))).append("</p>");
      return html.toString();
    }
    LocalDate day = day(request.getParameter("day"), callback.days(), local.toLocalDate());
    html.append("<h2>").append(esc(texts.get("move.heading"))).append("</h2>");
    html.append("<form method=\"get\" action=\"")
        .append(esc(self))
        .append("\"><label for=\"day\">")
        .append(esc(texts.get("move.day")))
        .append("</label><select id=\"day\" name=\"day\">");
    for (LocalDate d : callback.days()) {
      html.append("<option value=\"")
          .append(d)
          .append(d.equals(day) ? "\" selected>" : "\">")
          .append(esc(d.format(dayFormat)))
          .append("</option>");
    }
    html.append("</select><button type=\"submit\" class=\"secondary\">")
        .append(esc(texts.get("move.show")))
        .append("</button></form>");
    List<Instant> times = selfService.freeTimes(token, day).orElse(List.of());
    if (times.isEmpty()) {
      html.append("<p id=\"no-times\">").append(esc(texts.get("move.none"))).append("</p>");
    } else {
      html.append("<form method=\"post\" action=\"")
          .append(esc(self))
          .append("\"><input type=\"hidden\" name=\"action\" value=\"reschedule\">")
          .append("<label for=\"at\">")
          .append(esc(texts.get("move.time", day.format(dayFormat))))
          .append("</label><select id=\"at\" name=\"at\">");
      // the callback's own time, or the first one after it, comes preselected
      Instant current = callback.time().instant();
      Instant preselected =
          times.stream().filter(t -> !t.isBefore(current)).findFirst().orElse(times.get(0));
      for (Instant t : times) {
        html.append("<option value=\"")
            .append(DateTimeFormatter.ISO_INSTANT.format(t))
            .append(t.equals(preselected) ? "\" selected>" : "\">")
            .append(esc(t.atZone(zone).format(timeFormat)))
            .append("</option>");
      }
      html.append("</select><button type=\"submit\" id=\"move\">")
          .append(esc(texts.get("move.submit")))
          .append("</button></form>");
    }
    html.append("<h2>").append(esc(texts.get("cancel.heading"))).append("</h2>");
    if ("cancel".equals(request.getParameter("confirm"))) {
      html.append("<form method=\"post\" action=\"")
          .append(esc(self))
          .append("\"><input type=\"hidden\" name=\"action\" value=\"cancel\"><p role=\"alert\">")
          .append(esc(texts.get("cancel.confirm")))
          .append("</p><button type=\"submit\" id=\"cancel-yes\" class=\"danger\">")
          .append(esc(texts.get("cancel.yes")))
          .append("</button> <a href=\"")
          .append(esc(self))
          .append("\" id=\"cancel-no\">")
          .append(esc(texts.get("cancel.no")))
          .append("</a></form>");
    } else {
      html.append("<form method=\"get\" action=\"")
          .append(esc(self))
          .append("\"><input type=\"hidden\" name=\"confirm\" value=\"cancel\">")
          .append("<button type=\"submit\" id=\"cancel\" class=\"secondary\">")
          .append(esc(texts.get("cancel.ask")))
          .append("</button></form>");
    }
    return html.toString();
  }

  private static LocalDate day(String raw, List<LocalDate> days, LocalDate current) {
    try {
      if (raw != null) {
        LocalDate asked = LocalDate.parse(raw);
        if (days.contains(asked)) {
          return asked;
        }
      }
    } catch (DateTimeParseException e) {
      // not a date: the default day
    }
    return days.contains(current) ? current : days.get(0);
  }

  private static String stateText(CallbackState state, Texts texts) {
    return switch (state) {
      case SCHEDULED, RETRY_WAIT, QUEUED -> texts.get("state." + state.name());
      default -> texts.get("state.other");
    };
  }

  private boolean limited(
      String segment, HttpServletRequest request, HttpServletResponse response, Texts texts)
      throws IOException {
    Optional<Duration> wait = limits.take(LinkToken.hashOf(segment), request.getRemoteAddr());
    if (wait.isEmpty()) {
      return false;
    }
    response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
    page(
        response,
        429,
        texts,
        texts.get("limited.title"),
        "<h1>"
            + esc(texts.get("limited.title"))
            + "</h1><p>"
            + esc(texts.get("limited.text"))
            + "</p>");
    return true;
  }

  /** The one answer to every token that opens nothing: same status, same body. */
  private void neutral(HttpServletResponse response, Texts texts) throws IOException {
    page(
        response,
        404,
        texts,
        texts.get("neutral.title"),
        "<h1>"
            + esc(texts.get("neutral.title"))
            + "</h1><p>"
            + esc(texts.get("neutral.text", company))
            + "</p>");
  }

  private static String notice(String text) {
    return "<p class=\"notice\" role=\"status\">" + esc(text) + "</p>";
  }

  private static void page(
      HttpServletResponse response, int status, Texts texts, String title, String body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    response.setHeader("Content-Language", texts.locale().getLanguage());
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\""
                + texts.locale().getLanguage()
                + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>"
                + esc(title)
                + "</title><style>"
                + STYLE
                + "</style></head><body><main>"
                + body
                + "</main></body></html>");
  }

  /** Plain, large, high-contrast (all text at least 7:1), and visible keyboard focus. */
  private static final String STYLE =
      "*{box-sizing:border-box}body{margin:0;font-family:system-ui,sans-serif;font-size:1.0625rem;"
          + "line-height:1.5;color:#1a1a1a;background:#fff}main{max-width:36rem;margin:0 auto;"
          + "padding:1rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;"
          + "margin:1.5rem 0 .5rem}dt{font-weight:bold}dd{margin:0 0 .75rem}.hint{color:#404040;"
          + "font-size:.95rem}label{display:block;font-weight:bold;margin:.5rem 0 .25rem}"
          + "select,button{font:inherit;min-height:2.75rem;width:100%;margin:.25rem 0;"
          + "border-radius:.25rem}select{padding:.4rem;border:1px solid #595959;background:#fff;"
          + "color:#1a1a1a}button{border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;"
          + "cursor:pointer;padding:.5rem 1rem}button.secondary{background:#fff;color:#0b4f8a}"
          + "button.danger{background:#a4161a;border-color:#a4161a}a{color:#0b4f8a;"
          + "display:inline-block;padding:.5rem 0}:focus-visible{outline:3px solid #b35c00;"
          + "outline-offset:2px}.notice{border-left:4px solid #1e6b2e;padding:.5rem .75rem;"
          + "background:#eef7ef}.error{border-left:4px solid #a4161a;padding:.5rem .75rem;"
          + "background:#fbeaea}";

  private static String segment(HttpServletRequest request) {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String segment = path.startsWith("/") ? path.substring(1) : path;
    return segment.length() > 200 ? segment.substring(0, 200) : segment;
  }

  private static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** English or French, the first of the browser's languages that is one; English otherwise. */
  private static Texts texts(HttpServletRequest request) {
    for (Locale asked : Collections.list(request.getLocales())) {
      if (LANGUAGES.contains(asked.getLanguage())) {
        return new Texts(Locale.forLanguageTag(asked.getLanguage()));
      }
    }
    return new Texts(Locale.ENGLISH);
  }

  /** The page's messages in one language (resource bundles; English is the base). */
  record Texts(Locale locale) {
    String get(String key, Object... args) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              BUNDLE,
              locale,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      return args.length == 0
          ? bundle.getString(key)
          : new MessageFormat(bundle.getString(key), locale).format(args);
    }
  }
}
