package dev.rappel.callback.boundary;

import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.platform.boundary.Problem;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The console's "Export CSV": the callbacks of the list the signed-in person sees, with the list's
 * filters as query parameters ({@code state}, {@code queueId}, {@code agentId}, {@code from},
 * {@code to}, {@code phoneNumber}, as in {@code GET /api/v1/callbacks}), in due-time order.
 *
 * <p>A console path, not an API one: the consoles sign in with a session cookie, which API paths
 * never accept. The rows are written as they are read, a page at a time, so that an export of any
 * size holds one page in memory.
 */
@WebServlet(CallbackExport.PATH)
public class CallbackExport extends HttpServlet {
  private static final long serialVersionUID = 1L;
  public static final String PATH = "/export/callbacks.csv";
  private static final int PAGE = 1_000;

  @Inject transient CallbackLists lists;

  @Inject transient Instance<Caller> callers;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    CallbackFilter filter;
    try {
      Violations violations = new Violations();
      Supplier<CallbackFilter> asked =
          CallbacksResource.filterOf(
              violations,
              request.getParameter("state"),
              request.getParameter("queueId"),
              request.getParameter("agentId"),
              request.getParameter("from"),
              request.getParameter("to"),
              request.getParameter("phoneNumber"));
      violations.throwIfAny();
      filter = asked.get();
    } catch (RuleViolation refused) {
      problem(
          response,
          refused.unreadable()
              ? Problem.unreadable("The filters cannot be read.", refused.errors())
              : Problem.invalid("The filters break a rule.", refused.errors()));
      return;
    }
    Caller caller = callers.get();
    try {
      export(filter, caller, response);
    } catch (Forbidden refused) {
      // a role that reads no callback (the constraint lets only console roles in)
      response.sendError(HttpServletResponse.SC_FORBIDDEN, refused.getMessage());
    } finally {
      callers.destroy(caller);
    }
  }

  private void export(CallbackFilter filter, Caller caller, HttpServletResponse response)
      throws IOException {
    // the first page before the headers: a refusal still gets its status
    List<CallbackSearch.Line> page = lists.exportPage(filter, null, PAGE, caller);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"callbacks.csv\"");
    response.setHeader("Cache-Control", "no-store");
    Writer out = response.getWriter();
    out.write(CallbackCsv.HEADER);
    while (!page.isEmpty()) {
      for (CallbackSearch.Line line : page) {
        out.write(CallbackCsv.row(line));
      }
      out.flush();
      page =
          page.size() < PAGE
              ? List.of()
              : lists.exportPage(filter, page.get(page.size() - 1), PAGE, caller);
    }
  }

  private static void problem(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType("application/problem+json;charset=UTF-8");
    try (Jsonb jsonb = JsonbBuilder.create()) {
      jsonb.toJson(problem, response.getWriter());
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
